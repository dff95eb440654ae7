namespace Tiketi.LoadTest.Targets.Http;

/// <summary>The API hosts of a run (<c>--url</c>, repeatable), one pooled client each; any index wraps around.</summary>
internal sealed class ApiHosts(IReadOnlyList<ApiClient> hosts) : IDisposable
{
    private long _failovers;

    /// <summary>Times a buyer moved to another host because theirs stopped answering.</summary>
    public long Failovers => Interlocked.Read(ref _failovers);

    public void FailedOver() => Interlocked.Increment(ref _failovers);

    public int Count => hosts.Count;

    public ApiClient this[int index] => hosts[((index % hosts.Count) + hosts.Count) % hosts.Count];

    public IReadOnlyList<Uri> Addresses => [.. hosts.Select(h => h.Http.BaseAddress!)];

    public int IndexOf(ApiClient host)
    {
        for (var i = 0; i < hosts.Count; i++)
        {
            if (ReferenceEquals(hosts[i], host))
            {
                return i;
            }
        }

        return 0;
    }

    public void Dispose()
    {
        foreach (var host in hosts)
        {
            host.Http.Dispose();
        }
    }
}
