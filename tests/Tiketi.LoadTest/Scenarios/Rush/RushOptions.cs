using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Targets;

namespace Tiketi.LoadTest.Scenarios.Rush;

/// <summary>The shape of a rush: the event, the crowd, and how the crowd behaves.</summary>
public sealed record RushOptions(
    SaleSpec Sale,
    int Buyers,
    double AbandonRatio,
    double ExplicitRatio,
    TimeSpan Think,
    TimeSpan BuyerTimeout,
    int Concurrency,
    int SignInConcurrency,
    TimeSpan PollMin,
    TimeSpan PollMax,
    int Seed,
    TimeSpan Patience = default,
    string? Fault = null,
    TimeSpan FaultAt = default)
{
    public const string ApprovedCard = "4242424242424242";

    public static RushOptions Read(CommandLine line, int defaultSeats, int defaultBuyers)
    {
        ArgumentNullException.ThrowIfNull(line);
        var seats = line.Count("seats", defaultSeats);
        var seatsPerRow = line.Count("seats-per-row", 25);
        var blocks = line.Count("blocks", Math.Max(1, (int)Math.Ceiling(seats / 1000.0)));
        var sale = new SaleSpec(
            seats, blocks, seatsPerRow,
            line.Count("limit", 4),
            line.Duration("hold", TimeSpan.FromMinutes(1)),
            QueueEnabled: true,
            line.Real("admit-rate", 2_000),
            line.Count("max-active", 5_000),
            line.Duration("idle-timeout", TimeSpan.FromMinutes(1)),
            Lottery: QueueModeOf(line.Text("queue-mode", "fifo")),
            OpensIn: line.Duration("opens-in", TimeSpan.FromSeconds(30)));
        var options = new RushOptions(
            sale,
            line.Count("buyers", defaultBuyers),
            line.Real("abandon", 0.1),
            line.Real("explicit", 0.25),
            line.Duration("think", TimeSpan.Zero),
            line.Duration("buyer-timeout", TimeSpan.FromMinutes(10)),
            line.Count("concurrency", 512),
            line.Count("sign-in-concurrency", 32),
            line.Duration("poll-min", TimeSpan.FromMilliseconds(250)),
            line.Duration("poll-max", TimeSpan.FromSeconds(5)),
            line.Count("seed", 42),
            line.Duration("patience", TimeSpan.FromSeconds(30)),
            line.Text("fault"),
            line.Duration("fault-at", TimeSpan.FromSeconds(15)));
        options.Validate();
        return options;
    }

    private static bool QueueModeOf(string mode) => mode switch
    {
        "fifo" => false,
        "lottery" => true,
        _ => throw new UsageException("--queue-mode is fifo or lottery."),
    };

    private void Validate()
    {
        // The event's pre-queue opens 30 minutes before the sale: buyers arriving earlier would be refused.
        if (Sale.Lottery && (Sale.OpensIn <= TimeSpan.Zero || Sale.OpensIn > TimeSpan.FromMinutes(30)))
        {
            throw new UsageException("--opens-in is between 0 and 30m (the pre-queue opens 30 minutes before the sale).");
        }

        if (Sale.Seats < 1 || Sale.Blocks < 1 || Sale.SeatsPerRow is < 1 or > 100 || Buyers < 1)
        {
            throw new UsageException("--seats, --blocks and --buyers must be positive, --seats-per-row 1-100.");
        }

        if (Sale.RowsPerBlock().Any(r => r is < 1 or > 100))
        {
            throw new UsageException($"{Sale.Seats} seats in {Sale.Blocks} blocks of rows of {Sale.SeatsPerRow} gives blocks of 1-100 rows only; change --blocks.");
        }

        if (AbandonRatio is < 0 or > 1 || ExplicitRatio is < 0 or > 1)
        {
            throw new UsageException("--abandon and --explicit are shares between 0 and 1.");
        }

        if (Concurrency < 1 || SignInConcurrency < 1)
        {
            throw new UsageException("--concurrency and --sign-in-concurrency must be positive.");
        }
    }
}
