using Tiketi.TestSupport.Postgres;

namespace Tiketi.Silo.Tests;

/// <summary>One PostgreSQL server for the whole run; each test creates its own database on it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
