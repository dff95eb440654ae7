using Npgsql;

namespace Tiketi.TestSupport.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb into a fresh temp folder, trust authentication, listening
/// on a free loopback port (its unix socket inside the folder), tuned for speed over durability.
/// Disposing stops it and deletes the folder.
/// </summary>
internal sealed class LocalPostgres : IAsyncDisposable
{
    private const string SuperUser = "postgres";

    private readonly PostgresBinaries _binaries;
    private readonly string _root;
    private readonly bool _asPostgresUser;
    private bool _running;
    private string _options = "";

    private LocalPostgres(PostgresBinaries binaries, string root, bool asPostgresUser)
    {
        _binaries = binaries;
        _root = root;
        _asPostgresUser = asPostgresUser;
    }

    public string ConnectionString { get; private set; } = string.Empty;

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "postgres.log");

    public static async Task<LocalPostgres> StartAsync()
    {
        var binaries = PostgresBinaries.Find();
        // initdb and postgres refuse to run as root; then they run as the postgres user instead.
        var asPostgresUser = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("tiketi-pg-").FullName;
        var server = new LocalPostgres(binaries, root, asPostgresUser);
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "socket"));
            if (asPostgresUser)
            {
                await ProcessRunner.RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", root], root);
            }

            await server.RunAsync(binaries.InitDb,
                ["-D", server.DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            await server.StartOnFreePortAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            _running = false;
            await RunAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w"]);
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>
    /// <c>pg_ctl restart -m fast</c>: every connection is cut, the server stops and starts again on the
    /// same port (as an operator's restart or a failover does), and this returns once it accepts connections.
    /// </summary>
    public Task RestartAsync() =>
        RunAsync(_binaries.PgCtl, ["restart", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "-l", LogFile, "-o", _options]);

    // A port found free can be taken before the server binds it; try a few.
    private async Task StartOnFreePortAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            try
            {
                await StartAsync(port);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
            catch (InvalidOperationException ex)
            {
                var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no log)";
                throw new InvalidOperationException($"PostgreSQL did not start: {ex.Message}\n{log}", ex);
            }
        }
    }

    private async Task StartAsync(int port)
    {
        // fsync off and friends: test data need not survive a power cut. max_connections stays at
        // its default (100), like a typical server, so tests that leak connections fail here too.
        var options = FormattableString.Invariant(
            $"-p {port} -h 127.0.0.1 -k {Path.Combine(_root, "socket")} -F -c synchronous_commit=off -c full_page_writes=off");
        await RunAsync(_binaries.PgCtl, ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options]);
        _options = options;
        _running = true;

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SuperUser,
            Database = "postgres",
            Timeout = 5,
        }.ConnectionString;

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
    }

    private Task<string> RunAsync(string executable, IReadOnlyList<string> arguments) =>
        _asPostgresUser
            ? ProcessRunner.RunAsync("runuser", ["-u", SuperUser, "--", executable, .. arguments], _root)
            : ProcessRunner.RunAsync(executable, arguments, _root);
}
