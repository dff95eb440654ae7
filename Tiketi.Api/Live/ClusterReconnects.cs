using System.Threading.Channels;

namespace Tiketi.Api.Live;

/// <summary>
/// A doorbell between the Orleans client's connection callbacks (which must return at once) and the
/// resubscriber. Rings while nobody listens collapse into one.
/// </summary>
public sealed class ClusterReconnects
{
    private readonly Channel<bool> _rings = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Ring() => _rings.Writer.TryWrite(true);

    /// <summary>Waits for the next ring; false once the host stops.</summary>
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
