namespace Tiketi.LoadTest.Cli;

/// <summary>The help text.</summary>
public static class Usage
{
    public const string Text = """
        dotnet run -c Release --project tests/Tiketi.LoadTest -- <scenario> [options]

        scenarios
          rush           N buyers join the queue at the opening, hold best-available or chosen seats,
                         most pay, some abandon (their holds expire) until sold out; then the sale is audited
          queue-flood    N queue joins, then position reads
          seatmap-read   whole-event seat map reads
          fanout         K SignalR connections watch an event while seats change: delivery latency (http)
          block          one seat block driven through its grain: callers hold, then confirm and return
                         (or release), without end; holds + confirms per second (inproc, silo)

        target
          --target inproc|silo|http     inproc: a silo in this process (default); silo: an Orleans client
          --gateway 127.0.0.1:30000     silo gateways (repeatable; the embedded API host listens on 30000)
          --postgres "<conn string>"    find the silos through the PostgreSQL membership table instead
          --cluster-id tiketi --service-id tiketi
          --url http://127.0.0.1:5000   the API (http, fanout); repeat for several hosts: buyers are spread
                                        over them and move to the next when theirs stops answering
          --retry-budget 10s            an Orleans client retries retry-safe calls through a failover this long
          --admin-email E --admin-password P    an admin account, to create the event over HTTP
          --time-scale 20               inproc only: the sale clock runs 20x faster (holds expire sooner)
          --count-costs                 inproc only: count grain calls and state writes per paid order
          --coalesce on|off             inproc/silo: concurrent queue joins and position reads share one
                                        grain call per queue (on, as the API host does) or go one by one

        rush       --seats 2000 --blocks ceil(seats/1000) --seats-per-row 25 --buyers 10000 --limit 4
                   --hold 1m --abandon 0.1 --explicit 0.25 --think 0ms --admit-rate 2000 --max-active 5000
                   --idle-timeout 1m --concurrency 512 --sign-in-concurrency 32 --buyer-timeout 10m --seed 42
                   --queue-mode fifo|lottery --opens-in 30s   lottery: buyers join the pre-queue and are drawn
                                                              into the queue when the sale opens (sale clock)
                   --patience 30s   a "temporarily unavailable" answer is retried after 1 s for this long, as the pages do
                   --fault "<shell command>" --fault-at 15s   run the command at that second of the rush (kill a
                                    silo, restart PostgreSQL; deploy/faults/run-fault.sh) and report the recovery
        queue-flood  --joins 20000 --reads 20000 --concurrency 512   (figures per 100,000 joins, and the
                     queue's activation time after the joins with --reactivate, silo/inproc)
        seatmap-read --requests 5000 --seats 10000 --blocks 10 --concurrency 64 [--event ID]
        fanout     --connections 1000 --changes 200 --change-interval 50ms --seats 2000
        block      --seats 1000 --seats-per-row 25 --callers 64 --quantity 2 --cycle confirm|release
                   --prefill 0.5 (share sold first, as mid-rush) --warm-up 2s --duration 10s

        run
          --threshold "p95<500ms"       repeatable; [operation.]metric<value: p50 p90 p95 p99 p99.9 max mean
                                        (us, ms, s), errors (count or %), rate (ok/s); e.g. hold.p99<50ms;
                                        with --postgres, PostgreSQL's cost per paid order (per join in a
                                        queue flood): postgres.transactions<=3, postgres.rows, postgres.bytes (WAL)
          --out results.json            the result file
          --duration-limit 20m          the run is cut (and fails) after this long
        exit codes: 0 passed, 1 a threshold failed, 2 usage, 3 an invariant was violated, 4 the run failed
        """;
}
