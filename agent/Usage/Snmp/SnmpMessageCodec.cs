namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>
/// SNMP v1/v2c message encoding and decoding (RFC 1157, RFC 3416): Message ::= SEQUENCE { version INTEGER,
/// community OCTET STRING, pdu }, pdu ::= [tag] SEQUENCE { request-id, error-status, error-index, SEQUENCE OF
/// SEQUENCE { name OID, value } }. Traps and GetBulk are not decoded: this client only sends GETs.
/// </summary>
public static class SnmpMessageCodec
{
    /// <summary>Larger than any community a device accepts (RFC 3411's SnmpAdminString is 255 octets); longer ones are refused.</summary>
    public const int MaxCommunityLength = 255;

    public static byte[] Encode(SnmpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bindings = message.VarBinds
            .Select(b => BerEncoder.Sequence(BerTag.Sequence, BerEncoder.ObjectIdentifier(b.Oid), BerEncoder.Value(b.Value)))
            .ToArray();
        var pdu = BerEncoder.Sequence(
            message.PduType,
            BerEncoder.Integer(message.RequestId),
            BerEncoder.Integer((int)message.ErrorStatus),
            BerEncoder.Integer(message.ErrorIndex),
            BerEncoder.Sequence(BerTag.Sequence, bindings));
        return BerEncoder.Sequence(
            BerTag.Sequence,
            BerEncoder.Integer((int)message.Version),
            BerEncoder.OctetString(message.Community),
            pdu);
    }

    /// <summary>
    /// Decodes one datagram. Never throws for any input: a malformed, truncated, oversized or unsupported packet
    /// returns false with <paramref name="error"/> naming the problem and its byte offset.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out SnmpMessage? message, out string? error)
    {
        try
        {
            message = Decode(packet);
            error = null;
            return true;
        }
        catch (SnmpDecodeException ex)
        {
            message = null;
            error = ex.Message;
            return false;
        }
    }

    private static SnmpMessage Decode(ReadOnlySpan<byte> packet)
    {
        var outer = new BerReader(packet);
        var body = outer.ReadConstructed(BerTag.Sequence, "message");
        outer.ExpectEnd("the message");

        var versionStart = body.Offset;
        var versionNumber = body.ReadInteger("version");
        var version = versionNumber switch
        {
            0 => SnmpVersion.V1,
            1 => SnmpVersion.V2c,
            _ => throw new SnmpDecodeException($"version {versionNumber} is not SNMP v1 (0) or v2c (1) (at byte {versionStart})"),
        };

        var communityStart = body.Offset;
        var community = body.ReadOctetString("community");
        if (community.Length > MaxCommunityLength)
        {
            throw new SnmpDecodeException($"community of {community.Length} bytes is oversized (at byte {communityStart})");
        }

        var pduStart = body.Offset;
        var pdu = body.ReadConstructed(out var pduType, "PDU");
        if (pduType is < BerTag.GetRequest or > BerTag.Report or BerTag.TrapV1 or BerTag.GetBulkRequest)
        {
            throw new SnmpDecodeException($"PDU tag 0x{pduType:X2} is not a GET/GETNEXT/SET/Response/Inform/Trap-v2/Report PDU (at byte {pduStart})");
        }

        body.ExpectEnd("the PDU");

        var requestId = pdu.ReadInteger32("request-id");
        var statusStart = pdu.Offset;
        var status = pdu.ReadInteger32("error-status");
        if (status is < 0 or > (int)SnmpErrorStatus.InconsistentName)
        {
            throw new SnmpDecodeException($"error-status {status} is not defined (at byte {statusStart})");
        }

        var errorIndexStart = pdu.Offset;
        var errorIndex = pdu.ReadInteger32("error-index");
        if (errorIndex < 0)
        {
            throw new SnmpDecodeException($"error-index {errorIndex} is negative (at byte {errorIndexStart})");
        }

        var list = pdu.ReadConstructed(BerTag.Sequence, "variable-bindings");
        pdu.ExpectEnd("the variable-bindings");
        var bindings = new List<SnmpVarBind>();
        while (!list.IsEmpty)
        {
            var number = bindings.Count + 1;
            var binding = list.ReadConstructed(BerTag.Sequence, $"variable-binding {number}");
            var oid = binding.ReadObjectIdentifier($"name of variable-binding {number}");
            var value = binding.ReadValue($"value of variable-binding {number}");
            binding.ExpectEnd($"variable-binding {number}");
            bindings.Add(new SnmpVarBind(oid, value));
        }

        return new SnmpMessage(version, community.ToArray(), pduType, requestId, (SnmpErrorStatus)status, errorIndex, bindings);
    }
}
