namespace Tiketi.TestSupport.Postgres;

/// <summary>Where initdb and pg_ctl live: on PATH, or in Debian's versioned folders.</summary>
internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public static PostgresBinaries Find()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(DebianBinFolders());

        foreach (var folder in candidates)
        {
            var initDb = Path.Combine(folder, "initdb");
            var pgCtl = Path.Combine(folder, "pg_ctl");
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                return new PostgresBinaries(initDb, pgCtl);
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL binaries (initdb, pg_ctl) were found neither on PATH nor under {DebianRoot}/*/bin. " +
            $"Install PostgreSQL or set {PostgresServer.ConnectionStringVariable} to a server's connection string.");
    }

    // Newest major version first (/usr/lib/postgresql/16/bin before .../15/bin).
    private static IEnumerable<string> DebianBinFolders() =>
        Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => Path.Combine(dir, "bin"))
            : [];
}
