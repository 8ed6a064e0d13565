namespace Cybercantal.Edge.Hub.Hosting;

public enum MqttBrokerMode
{
    /// <summary>The hub runs the MQTT broker itself (MQTTnet.Server); a PUBACK means committed.</summary>
    Embedded = 0,

    /// <summary>The gateways talk to another broker (mosquitto); the hub is one of its clients.</summary>
    External = 1,
}
