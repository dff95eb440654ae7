using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;
using Tiketi.Accounts;
using Tiketi.Grains.Tests.Cluster;
using Tiketi.Storage;

namespace Tiketi.Grains.Tests.Storage;

/// <summary>Grain state is stored as "TK", a format version, and Orleans' binary serializer, in memory as on PostgreSQL.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class VersionedGrainStateSerializerTests(SaleClusterFixture fixture)
{
    private IServiceProvider Silo => fixture.Cluster.Silos[0].ServiceProvider;

    [Fact]
    public void InMemorySilo_StorageSerializer_IsTheVersionedBinaryOne()
    {
        Assert.IsType<VersionedGrainStateSerializer>(Silo.GetRequiredService<IGrainStorageSerializer>());
        var memory = Silo.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<MemoryGrainStorageOptions>>().Get("Default");
        Assert.IsType<VersionedGrainStateSerializer>(memory.GrainStorageSerializer);
    }

    [Fact]
    public void Serialize_AccountState_RoundTripsBehindTheEnvelopeAndIsSmallerThanJson()
    {
        var serializer = Silo.GetRequiredService<IGrainStorageSerializer>();
        var state = new AccountState
        {
            PasswordHash = "$2a$12$abcdefghijklmnopqrstuv",
            Families = { ["family"] = new RefreshFamily { CurrentHash = "current", UsedHashes = ["a", "b"], ExpiresAt = DateTimeOffset.UnixEpoch } },
        };

        var bytes = serializer.Serialize(state).ToArray();
        var back = serializer.Deserialize<AccountState>(new BinaryData(bytes))!;

        Assert.Equal([(byte)'T', (byte)'K', VersionedGrainStateSerializer.FormatVersion], bytes[..3]);
        Assert.Equal(["a", "b"], back.Families["family"].UsedHashes);
        Assert.Equal(state.PasswordHash, back.PasswordHash);
        var json = Silo.GetRequiredService<Orleans.Serialization.OrleansJsonSerializer>().Serialize(state, typeof(AccountState));
        Assert.True(bytes.Length * 2 < Encoding.UTF8.GetByteCount(json), $"{bytes.Length} binary bytes against {json.Length} of JSON");
    }

    [Fact]
    public void Deserialize_JsonOrAnUnknownFormatVersion_IsRefusedNotMisread()
    {
        var serializer = Silo.GetRequiredService<IGrainStorageSerializer>();
        var bytes = serializer.Serialize(new AccountState { PasswordHash = "x" }).ToArray();
        bytes[2] = VersionedGrainStateSerializer.FormatVersion + 1;

        Assert.Throws<InvalidDataException>(() => serializer.Deserialize<AccountState>(new BinaryData(bytes)));
        Assert.Throws<InvalidDataException>(() => serializer.Deserialize<AccountState>(new BinaryData("{\"$type\":\"x\"}"u8.ToArray())));
    }
}
