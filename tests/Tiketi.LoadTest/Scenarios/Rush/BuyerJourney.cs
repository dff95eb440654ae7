using Tiketi.Common;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Targets;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Scenarios.Rush;

/// <summary>
/// One buyer of a rush: joins the queue at the opening, waits for their turn, holds the best available
/// or hand-picked seats (retrying when someone was faster), then pays, or walks away and lets the hold
/// expire. Every request is timed and goes through a concurrency gate: one for the waiting room (joins,
/// position reads), one for shopping (seat maps, holds, checkouts), so buyers who hold seats are not
/// queued behind a crowd polling its place, which a browser never is. An answer that says "temporarily
/// unavailable" (or no answer at all) is retried after a pause, as the pages do, for up to
/// <c>--patience</c>, when the request is safe to send again; the buyer sees an error only after that.
/// </summary>
public sealed class BuyerJourney(
    IBuyerSession buyer, string eventId, RushOptions options, Metrics metrics, RushLedger ledger,
    AvailabilityBoard board, AdmissionWatch? watch, SeatPicker picker, RushGates gates, Random random, CancellationToken cancellationToken)
{
    private const int MaxHoldAttempts = 12;
    private const int MaxRejoins = 3;
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);
    private readonly DateTimeOffset _deadline = DateTimeOffset.UtcNow + options.BuyerTimeout;
    private bool _preQueued;

    public async Task RunAsync()
    {
        ledger.EnterQueue();
        var pass = await WaitForTurnAsync();
        if (pass is null)
        {
            ledger.LeftQueue();
            return;
        }

        ledger.Admitted();
        metrics.Count("buyers.admitted");
        try
        {
            await ShopAsync(pass);
        }
        finally
        {
            ledger.DoneShopping();
        }
    }

    private async Task<string?> WaitForTurnAsync()
    {
        var status = await CallAsync("join", () => buyer.JoinQueueAsync(eventId, cancellationToken));
        for (var rejoins = 0; ;)
        {
            if (!status.IsOk)
            {
                return Finish(status.Code == Reasons.SoldOut ? "buyers.soldOut" : "buyers.failed");
            }

            switch (status.Value!.State)
            {
                case QueueState.Admitted when status.Value.Pass is { } pass:
                    return pass;
                case QueueState.SoldOut:
                    return Finish("buyers.soldOut");
                case QueueState.Waiting when DateTimeOffset.UtcNow > _deadline:
                    return Finish("buyers.gaveUp");
                case QueueState.PreQueue:
                    // A lottery sale's pre-queue has no position to wait for: read now and then, as the page does.
                    if (!_preQueued)
                    {
                        _preQueued = true;
                        metrics.Count("buyers.preQueued");
                    }

                    await Task.Delay(options.PollMax, cancellationToken);
                    status = await CallAsync("queue-status", () => buyer.QueueStatusAsync(eventId, cancellationToken));
                    break;
                case QueueState.Waiting or QueueState.Admitted:
                    await SleepUntilTurnAsync(status.Value);
                    status = await CallAsync("queue-status", () => buyer.QueueStatusAsync(eventId, cancellationToken));
                    break;
                default:
                    // Expired or forgotten (idle too long): join again, as a browser would.
                    if (++rejoins > MaxRejoins)
                    {
                        return Finish("buyers.gaveUp");
                    }

                    metrics.Count("buyers.rejoined");
                    status = await CallAsync("join", () => buyer.JoinQueueAsync(eventId, cancellationToken));
                    break;
            }
        }
    }

    private async Task SleepUntilTurnAsync(QueueStatus status)
    {
        if (watch is not null && !watch.SoldOut)
        {
            // Pushed progress wakes the buyer when the head passes their place; the timeout is a safety net.
            await watch.WaitAsync(watch.Head + Math.Max(status.Position - 1, 0), options.PollMax, cancellationToken);
            return;
        }

        var wait = status.EstimatedWait * 0.8;
        wait = wait < options.PollMin ? options.PollMin : wait > options.PollMax ? options.PollMax : wait;
        await Task.Delay(wait * (0.8 + (0.4 * random.NextDouble())), cancellationToken);
    }

    private async Task ShopAsync(string pass)
    {
        var quantity = PickQuantity();
        HeldOrder? held = null;
        for (var attempt = 0; held is null;)
        {
            if (DateTimeOffset.UtcNow > _deadline || attempt >= MaxHoldAttempts)
            {
                Finish("buyers.gaveUp");
                return;
            }

            var blockId = board.Pick(quantity, random);
            if (blockId is null)
            {
                if (board.SoldOut || watch?.SoldOut == true)
                {
                    Finish("buyers.soldOut");
                    return;
                }

                // Nothing for this many together: settle for fewer if any block has some, else wait for expiries.
                var most = board.MostFree();
                if (most > 0)
                {
                    quantity = Math.Min(quantity, most);
                }
                else
                {
                    await Task.Delay(options.PollMin, cancellationToken);
                }

                continue;
            }

            var selection = await ChooseAsync(blockId, quantity);
            // One key per hold the buyer means; a resend of the same hold (a lost answer) keeps it.
            var key = $"lt-hold-{buyer.BuyerId}-{attempt}";
            var reply = await CallAsync("hold", () => buyer.HoldAsync(eventId, blockId, selection, pass, key, cancellationToken), retrySafe: buyer.KeyedHolds);
            if (reply.IsOk)
            {
                held = reply.Value!;
                ledger.Granted(held.OrderId);
                break;
            }

            attempt++;
            switch (reply.Code)
            {
                case Reasons.SeatTaken:
                    break;
                case Reasons.NotEnoughInventory:
                    board.MarkShort(blockId, quantity);
                    break;
                case Reasons.PassExpired:
                    Finish("buyers.placeLapsed");
                    return;
                case Reasons.PassInvalid or Reasons.NotAdmitted or Reasons.LimitReached or Reasons.SaleClosed:
                    Finish("buyers.failed");
                    return;
                default:
                    await Task.Delay(options.PollMin, cancellationToken);
                    break;
            }
        }

        if (random.NextDouble() < options.AbandonRatio)
        {
            Finish("buyers.abandoned");
            return;
        }

        if (options.Think > TimeSpan.Zero)
        {
            await Task.Delay(options.Think, cancellationToken);
        }

        await PayAsync(held);
    }

    private async Task PayAsync(HeldOrder held)
    {
        var key = $"lt-{held.OrderId}";
        for (var attempt = 1; ; attempt++)
        {
            var paid = await CallAsync("checkout", () => buyer.CheckoutAsync(held.OrderId, key, RushOptions.ApprovedCard, cancellationToken));
            if (paid.IsOk)
            {
                ledger.Confirmed(held.OrderId);
                metrics.Count("tickets.paid", paid.Value!.Tickets);
                Finish("buyers.paid");
                return;
            }

            // A transport failure may hide a success: retrying with the same key never charges twice.
            if (attempt >= 3 || paid.Code is not { } code || !(code.StartsWith("EX:", StringComparison.Ordinal) || code.StartsWith("HTTP5", StringComparison.Ordinal)))
            {
                Finish(paid.Code == Reasons.HoldExpired ? "buyers.holdExpiredAtCheckout" : "buyers.failed");
                return;
            }
        }
    }

    private async Task<HoldSelection> ChooseAsync(string blockId, int quantity)
    {
        if (random.NextDouble() >= options.ExplicitRatio)
        {
            return HoldSelection.Best(Targets.SaleSpec.Category, quantity);
        }

        // A buyer who picks seats looks at the block's map first, then clicks adjacent free seats.
        var map = await CallAsync("block-read", () => buyer.ReadBlockAsync(eventId, blockId, cancellationToken));
        return map.IsOk && picker.Pick(map.Value!, quantity, random) is { } seats
            ? HoldSelection.Seats(seats)
            : HoldSelection.Best(Targets.SaleSpec.Category, quantity);
    }

    /// <summary>1 to the limit: pairs most often, as at real sales.</summary>
    private int PickQuantity()
    {
        var roll = random.NextDouble();
        var quantity = roll < 0.2 ? 1 : roll < 0.65 ? 2 : roll < 0.8 ? 3 : 4;
        return Math.Min(quantity, options.Sale.PerBuyerLimit);
    }

    private async Task<Reply<T>> CallAsync<T>(string operation, Func<Task<Reply<T>>> call, bool retrySafe = true)
    {
        var gate = operation is "join" or "queue-status" ? gates.WaitingRoom : gates.Shopping;
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await metrics.TimeAsync(operation, retrySafe ? () => PatientlyAsync(call) : call, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>One buyer operation as the page performs it: "one moment" answers are retried until the buyer's patience ends.</summary>
    private async Task<Reply<T>> PatientlyAsync<T>(Func<Task<Reply<T>>> call)
    {
        var giveUp = DateTimeOffset.UtcNow + options.Patience;
        for (var retries = 0; ; retries++)
        {
            var retry = false;
            Reply<T> reply = default;
            try
            {
                reply = await call();
                retry = Retryable.Code(reply.Code);
            }
            catch (Exception exception) when (Retryable.Failure(exception) && DateTimeOffset.UtcNow < giveUp)
            {
                retry = true;
            }

            if (!retry || DateTimeOffset.UtcNow >= giveUp)
            {
                return reply;
            }

            metrics.Count("buyer.retries");
            if (retries == 0)
            {
                metrics.Count("buyer.paused");
            }

            await Task.Delay(RetryPause, cancellationToken);
        }
    }

    private string? Finish(string outcome)
    {
        metrics.Count(outcome);
        return null;
    }
}

/// <summary>The run's two concurrency gates, each <c>--concurrency</c> requests wide.</summary>
public sealed class RushGates(int concurrency) : IDisposable
{
    public SemaphoreSlim WaitingRoom { get; } = new(concurrency);

    public SemaphoreSlim Shopping { get; } = new(concurrency);

    public void Dispose()
    {
        WaitingRoom.Dispose();
        Shopping.Dispose();
    }
}
