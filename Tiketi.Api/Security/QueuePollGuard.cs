using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tiketi.Api.Errors;
using Tiketi.Common;

namespace Tiketi.Api.Security;

/// <summary>
/// The limits of queue-status polls, per account: above <see cref="SecurityOptions.QueuePollsPerMinute"/>
/// a poll gets 429 RATE001; an account that keeps polling far above it (more than
/// <see cref="SecurityOptions.MacroPollsPerMinute"/> in a minute, refused polls included) is taken for a
/// macro and blocked for <see cref="SecurityOptions.RepeatedRequestBlock"/> with 429 QUEUE009, as Korean
/// waiting rooms do. Other buyers on the same address are untouched: everything is per account. Written
/// here rather than as a rate-limiter policy because the limiter cannot count the polls it refuses, nor
/// answer with a code of its own. Counted per host, in memory; the status handler asks it first.
/// </summary>
public sealed class QueuePollGuard(IOptions<SecurityOptions> options, TimeProvider clock, SecurityLog log, ApiRefusals refusals)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Poller> _pollers = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    public static bool IsQueuePoll(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Value is { } path
            && path.StartsWith("/api/events/", StringComparison.Ordinal) && path.EndsWith("/queue", StringComparison.Ordinal);
    }

    /// <summary>The refusal for this poll (Retry-After set), or null when it may go on to the queue.</summary>
    public ProblemHttpResult? Check(HttpContext http, string eventId)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.FindFirst("sub")?.Value is not { } account)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        Sweep(now);
        var o = options.Value;
        var (verdict, wait) = _pollers.GetOrAdd(account, static _ => new Poller()).Poll(now, o);
        var seconds = Seconds(wait);
        switch (verdict)
        {
            case Verdict.JustBlocked or Verdict.Blocked:
                if (verdict == Verdict.JustBlocked)
                {
                    log.RepeatedRequestsBlocked(account, eventId, RateLimitingExtensions.ClientIp(http), o.RepeatedRequestBlock);
                }

                refusals.Count(eventId, Reasons.RepeatedRequests);
                return Refusal(http, Reasons.RepeatedRequests, seconds, $"Polling far too fast: your status polls are paused for {seconds} s. Your place is kept.");
            case Verdict.TooFast:
                log.Throttled("queue-status", RateLimitingExtensions.ClientIp(http), account, http.Request.Path.Value ?? "");
                refusals.Count(eventId, ApiErrors.TooManyRequests);
                return Refusal(http, ApiErrors.TooManyRequests, seconds, $"Too many status polls; retry after {seconds} s.");
            default:
                return null;
        }
    }

    private static ProblemHttpResult Refusal(HttpContext http, string code, int seconds, string detail)
    {
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.Of(code, detail, new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>Forgets accounts that stopped polling, at most once a minute, so memory follows the active pollers.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + Window;
        foreach (var (account, poller) in _pollers)
        {
            if (poller.IdleSince(now) > Window + options.Value.RepeatedRequestBlock)
            {
                _pollers.TryRemove(account, out _);
            }
        }
    }

    private enum Verdict
    {
        Allowed,
        TooFast,
        JustBlocked,
        Blocked,
    }

    /// <summary>One account's polls: a one-minute window (sliding, estimated from the previous one) and any block.</summary>
    private sealed class Poller
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _windowStart;
        private int _current;
        private int _previous;
        private DateTimeOffset _blockedUntil;
        private DateTimeOffset _last;

        public TimeSpan IdleSince(DateTimeOffset now)
        {
            lock (_lock)
            {
                return now - _last;
            }
        }

        public (Verdict Verdict, TimeSpan Wait) Poll(DateTimeOffset now, SecurityOptions options)
        {
            lock (_lock)
            {
                _last = now;
                if (now < _blockedUntil)
                {
                    return (Verdict.Blocked, _blockedUntil - now);
                }

                if (now - _windowStart >= Window)
                {
                    _previous = now - _windowStart < Window * 2 ? _current : 0;
                    _windowStart = now;
                    _current = 0;
                }

                _current++;
                var elapsed = (now - _windowStart) / Window;
                var rate = (_previous * (1 - elapsed)) + _current;
                if (rate > options.MacroPollsPerMinute)
                {
                    _blockedUntil = now + options.RepeatedRequestBlock;
                    _current = _previous = 0;
                    return (Verdict.JustBlocked, options.RepeatedRequestBlock);
                }

                return rate > options.QueuePollsPerMinute
                    ? (Verdict.TooFast, TimeSpan.FromSeconds(60.0 / options.QueuePollsPerMinute))
                    : (Verdict.Allowed, TimeSpan.Zero);
            }
        }
    }
}
