using System.Threading.Channels;

namespace Tiketi.Api.Live;

/// <summary>
/// What the Orleans client's connection callbacks (which must return at once) tell the relay: whether
/// the cluster is lost now, and a doorbell rung each time it comes back. Rings while nobody listens
/// collapse into one.
/// </summary>
public sealed class ClusterReconnects
{
    private readonly Channel<bool> _rings = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private volatile bool _lost;

    /// <summary>True from losing the last gateway until one is connected again.</summary>
    public bool IsLost => _lost;

    public void Lost() => _lost = true;

    /// <summary>
    /// A gateway is connected while none was: rings when the cluster had been lost (the first connection
    /// at start-up is no recovery, nothing was subscribed before it). Returns whether it rang.
    /// </summary>
    public bool Recovered()
    {
        if (!_lost)
        {
            return false;
        }

        _lost = false;
        _rings.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Waits for the next recovery; false once the host stops.</summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _rings.Reader.ReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
