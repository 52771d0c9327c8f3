namespace Cortex.Responders.TestSupport.Network;

/// <summary>What the proxy does with a tunnel.</summary>
public enum ConnectProxyBehaviour
{
    /// <summary>Answers 200 and passes the tunnel to the upstream.</summary>
    Forward,

    /// <summary>Answers 200, then passes nothing either way until the client gives up.</summary>
    Swallow,

    /// <summary>Answers <see cref="ConnectProxy.RefusalStatus"/> and closes.</summary>
    Refuse,
}
