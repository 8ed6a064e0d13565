using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>
/// The HTTP endpoint the PCs' login/logout hooks call: <c>POST /usage/pc-sessions</c> with
/// <c>{"pc":"pc-os-01","member":"SF-005"|"credential":"nfc:...","event":"start|end|idle"}</c>.
/// Answers 200 with the outcome, or 4xx with <c>{"error":"..."}</c>. <c>GET /usage/health</c> answers 200.
/// A prefix that cannot be bound is logged and the rest of the agent runs on.
/// </summary>
public sealed class PcSessionEndpoint : BackgroundService
{
    public const string SessionsPath = "/usage/pc-sessions";
    public const string HealthPath = "/usage/health";
    private const int MaxBodyBytes = 4096;

    // Answers go to scripts (curl, PowerShell), never into HTML: keep quotes readable in error messages.
    private static readonly JsonTypeInfo<Dictionary<string, string?>> ResponseJson =
        new PcSessionJsonContext(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).DictionaryStringString;

    private readonly PcSessionTracker _tracker;
    private readonly UsageOptions _options;
    private readonly ILogger<PcSessionEndpoint> _logger;
    private HttpListener? _listener;

    public PcSessionEndpoint(PcSessionTracker tracker, IOptions<UsageOptions> options, ILogger<PcSessionEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tracker = tracker;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>True once the listener is bound.</summary>
    public bool Listening => _listener?.IsListening == true;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Sessions a crash left open are closed before any new report can reuse their PC.
        var recovered = _tracker.RecoverAfterRestart();
        if (recovered > 0)
        {
            UsageLog.Recovered(_logger, recovered, UsageKinds.Pc);
        }

        if (_options.PcEndpointEnabled && _options.PcEndpointPrefixes.Count > 0)
        {
            var prefixes = string.Join(", ", _options.PcEndpointPrefixes);
            var listener = new HttpListener();
            foreach (var prefix in _options.PcEndpointPrefixes)
            {
                listener.Prefixes.Add(prefix);
            }

            try
            {
                listener.Start();
                _listener = listener;
                UsageLog.EndpointListening(_logger, prefixes);
            }
            catch (HttpListenerException exception)
            {
                listener.Close();
                UsageLog.EndpointFailed(_logger, prefixes, exception);
            }
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        StopListening();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        base.Dispose();
        StopListening();
        ((IDisposable?)_listener)?.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = _listener;
        if (listener is null)
        {
            return;
        }

        using var registration = stoppingToken.Register(StopListening);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await HandleAsync(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
            {
                UsageLog.EndpointRequestFailed(_logger, exception);
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url?.AbsolutePath ?? string.Empty;
        if (string.Equals(path, HealthPath, StringComparison.Ordinal) && request.HttpMethod == "GET")
        {
            await RespondAsync(context.Response, HttpStatusCode.OK, "{\"status\":\"ok\"}").ConfigureAwait(false);
            return;
        }

        if (!string.Equals(path, SessionsPath, StringComparison.Ordinal))
        {
            await ErrorAsync(context.Response, HttpStatusCode.NotFound, $"no such path '{path}'; use POST {SessionsPath}").ConfigureAwait(false);
            return;
        }

        if (request.HttpMethod != "POST")
        {
            await ErrorAsync(context.Response, HttpStatusCode.MethodNotAllowed, $"use POST on {SessionsPath}").ConfigureAwait(false);
            return;
        }

        var body = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < body.Length && (read = await request.InputStream.ReadAsync(body.AsMemory(length)).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > MaxBodyBytes)
        {
            await ErrorAsync(context.Response, HttpStatusCode.RequestEntityTooLarge, $"the body is over {MaxBodyBytes} bytes").ConfigureAwait(false);
            return;
        }

        if (!TryParse(body.AsSpan(0, length), out var report, out var problem))
        {
            await ErrorAsync(context.Response, HttpStatusCode.BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var result = _tracker.Report(report);
        var status = result.Outcome switch
        {
            PcSessionOutcome.Started or PcSessionOutcome.Ended => HttpStatusCode.OK,
            PcSessionOutcome.UnknownPc => HttpStatusCode.NotFound,
            PcSessionOutcome.UnknownMember => HttpStatusCode.UnprocessableEntity,
            PcSessionOutcome.NoOpenSession => HttpStatusCode.Conflict,
            _ => HttpStatusCode.BadRequest,
        };
        if (result.Accepted)
        {
            var text = JsonSerializer.Serialize(new Dictionary<string, string?>
            {
                ["status"] = result.Outcome == PcSessionOutcome.Started ? "started" : "ended",
                ["pc"] = report.PcId,
                ["member"] = result.MemberId,
            }, ResponseJson);
            await RespondAsync(context.Response, status, text).ConfigureAwait(false);
        }
        else
        {
            await ErrorAsync(context.Response, status, result.Error ?? result.Outcome.ToString()).ConfigureAwait(false);
        }
    }

    private void StopListening()
    {
        try
        {
            _listener?.Stop();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    /// <summary>Reads a hook's JSON body; false with a message naming the problem.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> body, out PcSessionReport report, out string problem)
    {
        report = new PcSessionReport(string.Empty, PcSessionEvent.Start);
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the body must be a JSON object";
                return false;
            }

            var pc = Text(root, "pc");
            var eventText = Text(root, "event");
            if (string.IsNullOrWhiteSpace(pc))
            {
                problem = "'pc' is missing";
                return false;
            }

            PcSessionEvent? kind = eventText switch
            {
                "start" or "login" or "open_session" => PcSessionEvent.Start,
                "end" or "logout" or "close_session" => PcSessionEvent.End,
                "idle" => PcSessionEvent.Idle,
                _ => null,
            };
            if (kind is null)
            {
                problem = $"'event' is '{eventText}'; expected start, end or idle";
                return false;
            }

            report = new PcSessionReport(pc, kind.Value, NullIfBlank(Text(root, "member")), NullIfBlank(Text(root, "credential")));
            problem = string.Empty;
            return true;
        }
        catch (JsonException exception)
        {
            problem = $"the body is not valid JSON: {exception.Message}";
            return false;
        }
        catch (InvalidOperationException)
        {
            problem = "'pc', 'member', 'credential' and 'event' must be strings";
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Task ErrorAsync(HttpListenerResponse response, HttpStatusCode status, string error) =>
        RespondAsync(response, status, JsonSerializer.Serialize(new Dictionary<string, string?> { ["error"] = error }, ResponseJson));

    private static async Task RespondAsync(HttpListenerResponse response, HttpStatusCode status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = (int)status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }
}
