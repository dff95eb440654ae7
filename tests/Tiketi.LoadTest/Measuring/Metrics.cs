using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tiketi.LoadTest.Measuring;

/// <summary>
/// Everything a run measures: one <see cref="OperationStats"/> per operation, which outcome codes are
/// expected answers of a rush (a seat taken, sold out) rather than errors, and counters for the story.
/// </summary>
public sealed class Metrics
{
    private readonly ConcurrentDictionary<string, OperationStats> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expected = new(StringComparer.Ordinal);
    private long _inFlight;
    private long _maxInFlight;

    public long StartedTicks { get; } = Stopwatch.GetTimestamp();

    public IEnumerable<OperationStats> Operations => _operations.Values.OrderBy(o => o.Name, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Counters => _counters;

    public IReadOnlySet<string> ExpectedCodes => _expected;

    public long InFlight => Interlocked.Read(ref _inFlight);

    public long MaxInFlight => Interlocked.Read(ref _maxInFlight);

    public double ElapsedSeconds => Stopwatch.GetElapsedTime(StartedTicks).TotalSeconds;

    public OperationStats this[string operation] => _operations.GetOrAdd(operation, n => new OperationStats(n, StartedTicks));

    /// <summary>Declares codes that are a normal answer in this scenario: counted, but not as errors.</summary>
    public void Expect(params string[] codes)
    {
        foreach (var code in codes)
        {
            _expected.Add(code);
        }
    }

    /// <summary>Operations that prepare a run (sign-up, sign-in): reported, but kept out of the "all" row.</summary>
    public IReadOnlySet<string> SetupOperations { get; } = new HashSet<string>(["register", "login", "connect"], StringComparer.Ordinal);

    public bool IsError(string outcome) => outcome != OperationStats.Ok && !_expected.Contains(outcome);

    public void Count(string counter, long by = 1) => _counters.AddOrUpdate(counter, by, (_, n) => n + by);

    public long Counter(string counter) => _counters.TryGetValue(counter, out var n) ? n : 0;

    /// <summary>
    /// Times <paramref name="call"/> as one request of <paramref name="operation"/>. An exception is an
    /// outcome too (its type name), so a scenario sees every failure as a code; only cancellation of the
    /// run itself propagates.
    /// </summary>
    public async Task<Reply<T>> TimeAsync<T>(string operation, Func<Task<Reply<T>>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var inFlight = Interlocked.Increment(ref _inFlight);
        var max = Interlocked.Read(ref _maxInFlight);
        while (inFlight > max && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max)
        {
            max = Interlocked.Read(ref _maxInFlight);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var reply = await call();
            this[operation].Record(started, reply.Code ?? OperationStats.Ok);
            return reply;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            var code = ExceptionCode(exception);
            this[operation].Record(started, code);
            return Reply<T>.Fail(code, exception.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Totals over every operation: requests, failures that are errors, and expected rejections.</summary>
    public (long Requests, long Errors, long Rejections) Totals()
    {
        long requests = 0, errors = 0, rejections = 0;
        foreach (var op in _operations.Values)
        {
            requests += op.Count;
            foreach (var (code, n) in op.Outcomes)
            {
                if (IsError(code))
                {
                    errors += n;
                }
                else if (code != OperationStats.Ok)
                {
                    rejections += n;
                }
            }
        }

        return (requests, errors, rejections);
    }

    public static string ExceptionCode(Exception exception) => exception switch
    {
        HttpStatusException http => http.Code,
        _ => "EX:" + exception.GetType().Name,
    };
}

/// <summary>What a target answers: a value, or a reason code (a sale code, "HTTP503", "EX:TimeoutException").</summary>
public readonly record struct Reply<T>(T? Value, string? Code, string? Message = null)
{
    public bool IsOk => Code is null;

    public static Reply<T> Ok(T value) => new(value, null);

    public static Reply<T> Fail(string code, string? message = null) => new(default, code, message);
}

/// <summary>An HTTP answer the tool could not read as a sale outcome (no problem-details code).</summary>
public sealed class HttpStatusException(int status, string? detail = null)
    : Exception($"HTTP {status}{(detail is null ? "" : ": " + detail)}")
{
    public int Status { get; } = status;

    public string Code => $"HTTP{Status}";
}
