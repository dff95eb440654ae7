using System.Collections.Immutable;
using System.Text;

namespace Tiketi.Accounts;

/// <summary>
/// How revocations are written to the registry's journal: a record is one revocation, a snapshot the
/// list of those still within their retention. Plain length-prefixed fields, so a record costs its size.
/// </summary>
public static class SessionRevocationCodec
{
    public static byte[] Encode(SessionRevocation revocation)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            Write(writer, revocation);
        }

        return buffer.ToArray();
    }

    public static SessionRevocation Decode(ReadOnlyMemory<byte> record)
    {
        using var reader = new BinaryReader(new MemoryStream(record.ToArray()), Encoding.UTF8);
        return Read(reader);
    }

    public static byte[] EncodeSnapshot(IReadOnlyCollection<SessionRevocation> revocations)
    {
        ArgumentNullException.ThrowIfNull(revocations);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(revocations.Count);
            foreach (var revocation in revocations)
            {
                Write(writer, revocation);
            }
        }

        return buffer.ToArray();
    }

    public static ImmutableArray<SessionRevocation> DecodeSnapshot(ReadOnlyMemory<byte> snapshot)
    {
        using var reader = new BinaryReader(new MemoryStream(snapshot.ToArray()), Encoding.UTF8);
        var count = reader.ReadInt32();
        var result = ImmutableArray.CreateBuilder<SessionRevocation>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(Read(reader));
        }

        return result.MoveToImmutable();
    }

    private static void Write(BinaryWriter writer, SessionRevocation revocation)
    {
        writer.Write(revocation.SessionId);
        writer.Write(revocation.AccountId);
        writer.Write(revocation.Reason);
        writer.Write(revocation.RevokedAt.UtcTicks);
    }

    private static SessionRevocation Read(BinaryReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero));
}
