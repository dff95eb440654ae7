using Npgsql;

namespace Tiketi.Silo.Storage;

/// <summary>
/// Copies many small payloads out of a data reader into a few large arrays, handing out slices: a
/// journal of a million small records loads with a few hundred allocations instead of a million.
/// </summary>
internal sealed class PayloadArena
{
    private const int ChunkSize = 256 * 1024;

    private byte[] _chunk = [];
    private int _used;

    public ReadOnlyMemory<byte> Copy(NpgsqlDataReader reader, int ordinal)
    {
        var length = checked((int)reader.GetBytes(ordinal, 0, null, 0, 0));
        if (length > ChunkSize / 4)
        {
            // A large payload gets its own array: it would waste most of a chunk.
            return reader.GetFieldValue<byte[]>(ordinal);
        }

        if (_chunk.Length - _used < length)
        {
            _chunk = new byte[ChunkSize];
            _used = 0;
        }

        reader.GetBytes(ordinal, 0, _chunk, _used, length);
        var slice = new ReadOnlyMemory<byte>(_chunk, _used, length);
        _used += length;
        return slice;
    }
}
