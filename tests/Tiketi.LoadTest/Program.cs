using Tiketi.LoadTest;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};

return await LoadTestApp.RunAsync(args, Console.Out, Console.Error, cancellationToken: interrupt.Token);
