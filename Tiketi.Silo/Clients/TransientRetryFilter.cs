using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Tiketi.Observability;

namespace Tiketi.Silo.Clients;

/// <summary>
/// Sends a retry-safe call (<see cref="RetrySafeCalls"/>) again when it fails transiently
/// (<see cref="TransientFaults"/>), with exponential backoff and jitter, until it succeeds, fails for
/// another reason, or its budget (<see cref="ClientRetryOptions.RetryBudget"/>, from the first failure) is spent; then the caller
/// gets the last failure. Every other call passes through untouched. Installed on clients only: a grain
/// that retried its own calls would hold its turn (and every caller queued behind it) through a failover.
/// Polly's retry strategy supplies the backoff, the jitter and the attempt loop; the budget is a deadline
/// the retry predicate reads, because an attempt in flight cannot be abandoned (the call context may be
/// invoked again only after its previous invocation has finished).
/// </summary>
public sealed partial class TransientRetryFilter : IOutgoingGrainCallFilter
{
    private static readonly ResiliencePropertyKey<long> DeadlineKey = new("tiketi.retry-deadline");
    private static readonly ResiliencePropertyKey<string> OperationKey = new("tiketi.retry-operation");

    private readonly ResiliencePipeline _pipeline;
    private readonly ClientRetryOptions _options;
    private readonly ClientRetryCounts _counts;
    private readonly TiketiMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TransientRetryFilter(
        IOptions<ClientRetryOptions> options, ClientRetryCounts counts, ILogger<TransientRetryFilter> logger,
        TiketiMetrics? metrics = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _counts = counts;
        _logger = logger;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception
                    && TransientFaults.IsTransient(exception)
                    && WithinBudget(args.Context)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstRetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    var reason = TransientFaults.Reason(args.Outcome.Exception!);
                    var operation = args.Context.Properties.GetValue(OperationKey, "");
                    _counts.Retried();
                    _metrics?.ClientRetried(operation, reason);
                    LogRetrying(_logger, operation, args.AttemptNumber + 1, reason, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _options.RetryBudget > TimeSpan.Zero && RetrySafeCalls.Allows(context.InterfaceMethod, context.Request)
            ? InvokeWithRetriesAsync(context)
            : context.Invoke();
    }

    private async Task InvokeWithRetriesAsync(IOutgoingGrainCallContext context)
    {
        var operation = RetrySafeCalls.NameOf(context.InterfaceMethod);
        var resilience = ResilienceContextPool.Shared.Get(operation, CancellationToken.None);
        resilience.Properties.Set(OperationKey, operation);
        var attempts = 0;
        try
        {
            await _pipeline.ExecuteAsync(
                async _ =>
                {
                    attempts++;
                    await context.Invoke();
                },
                resilience);
            if (attempts > 1)
            {
                _counts.RecoveredOne();
            }
        }
        catch (Exception exception) when (TransientFaults.IsTransient(exception))
        {
            var reason = TransientFaults.Reason(exception);
            _counts.ExhaustedOne();
            _metrics?.ClientRetriesExhausted(operation, reason);
            LogExhausted(_logger, operation, attempts, reason);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    /// <summary>
    /// The budget runs from the first failure, not from the first send: a call lost with a dead silo fails
    /// only when its response timeout ends, and must still get its retries then.
    /// </summary>
    private bool WithinBudget(ResilienceContext context)
    {
        var now = _time.GetTimestamp();
        if (!context.Properties.TryGetValue(DeadlineKey, out var deadline))
        {
            deadline = now + (long)(_options.RetryBudget.TotalSeconds * _time.TimestampFrequency);
            context.Properties.Set(DeadlineKey, deadline);
        }

        return now < deadline;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying {Operation} (attempt {Attempt}) after {Reason} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string operation, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} still failed with {Reason} after {Attempts} attempts: the retry budget is spent")]
    private static partial void LogExhausted(ILogger logger, string operation, int attempts, string reason);
}
