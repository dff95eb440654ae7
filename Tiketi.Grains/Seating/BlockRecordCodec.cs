using System.Runtime.InteropServices;
using System.Text;
using Orleans.Serialization;
using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>
/// The binary format of a block's journal. A record carries the current value of what one batch changed
/// (<see cref="BlockChanges"/>): allocation upserts with their seat indexes, removals, the audit tallies and
/// sell-out times that moved, layout, closed, the waitlist's categories, and the block's version. Values are
/// absolute, so a record is an outcome: replay applies it without running a rule (no picker, no new id), and
/// applying one twice changes nothing. A snapshot is the same format holding everything, applied to an
/// empty state. Seats and counts are not written: they follow from the layout and the allocations.
/// </summary>
/// <remarks>
/// Layout: first byte <see cref="Format"/>, then the version (7-bit varint), then tagged sections until
/// <c>End</c>. Integers are 7-bit varints, strings UTF-8 with a varint length, times UTC ticks. The block
/// definition travels as Orleans' own version-tolerant binary, so a field added to it later is kept.
/// </remarks>
public sealed class BlockRecordCodec(Serializer<BlockDefinition> definitions)
{
    /// <summary>The format this code writes; a record of another format is refused rather than misread.</summary>
    public const byte Format = 1;

    private enum Tag : byte
    {
        End = 0,
        Layout = 1,
        Closed = 2,
        Waitlist = 3,
        Upsert = 4,
        Remove = 5,
        Audit = 6,
        SellOut = 7,
    }

    /// <summary>What changed since the last record, with its current values. Synchronous: call it in the turn that took the changes.</summary>
    public byte[] EncodeChanges(SeatBlockState state, BlockChanges changes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(changes);
        using var stream = new MemoryStream();
        using (var writer = Begin(stream, state))
        {
            if (changes.Layout)
            {
                WriteLayout(writer, state);
            }

            if (changes.Closed)
            {
                WriteClosed(writer, state);
            }

            if (changes.Waitlist)
            {
                WriteWaitlist(writer, state);
            }

            foreach (var holdId in changes.Holds)
            {
                if (state.Allocations.TryGetValue(holdId, out var allocation))
                {
                    WriteUpsert(writer, holdId, allocation);
                }
                else
                {
                    writer.Write((byte)Tag.Remove);
                    writer.Write(holdId);
                }
            }

            foreach (var (scope, mask) in changes.AuditSlots)
            {
                WriteAudit(writer, scope, mask, Tallies(state, scope));
            }

            foreach (var category in changes.SellOuts)
            {
                WriteSellOut(writer, category, state.Audit!.Categories[category]);
            }

            writer.Write((byte)Tag.End);
        }

        return stream.ToArray();
    }

    /// <summary>The whole block, in the same format as a record.</summary>
    public byte[] EncodeSnapshot(SeatBlockState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var stream = new MemoryStream();
        using (var writer = Begin(stream, state))
        {
            if (state.Definition is not null)
            {
                WriteLayout(writer, state);
            }

            if (state.Closed)
            {
                WriteClosed(writer, state);
            }

            if (state.WaitlistCategories.Count > 0)
            {
                WriteWaitlist(writer, state);
            }

            foreach (var (holdId, allocation) in state.Allocations)
            {
                WriteUpsert(writer, holdId, allocation);
            }

            if (state.Audit is { } audit)
            {
                for (var scope = 0; scope <= audit.Categories.Count; scope++)
                {
                    var tallies = Tallies(state, scope);
                    var mask = 0;
                    for (var slot = 0; slot < tallies.Length; slot++)
                    {
                        mask |= tallies[slot] != 0 ? 1 << slot : 0;
                    }

                    if (mask != 0)
                    {
                        WriteAudit(writer, scope, mask, tallies);
                    }
                }

                for (var c = 0; c < audit.Categories.Count; c++)
                {
                    if (audit.Categories[c] is { FirstNoneAvailableAt: not null } or { SoldOutAt: not null })
                    {
                        WriteSellOut(writer, c, audit.Categories[c]);
                    }
                }
            }

            writer.Write((byte)Tag.End);
        }

        return stream.ToArray();
    }

    /// <summary>Applies a record (or a snapshot, to an empty state). Seats and counts are left to <see cref="SeatInventory"/>.</summary>
    public void Apply(ReadOnlyMemory<byte> record, SeatBlockState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var segment = MemoryMarshal.TryGetArray(record, out var array) ? array : new ArraySegment<byte>(record.ToArray());
        using var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var format = reader.ReadByte();
        if (format != Format)
        {
            throw new InvalidDataException($"Block journal record of format {format}; this version reads format {Format}.");
        }

        state.Version = reader.Read7BitEncodedInt64();
        for (var tag = (Tag)reader.ReadByte(); tag != Tag.End; tag = (Tag)reader.ReadByte())
        {
            switch (tag)
            {
                case Tag.Layout:
                    state.Definition = definitions.Deserialize(reader.ReadBytes(reader.Read7BitEncodedInt()));
                    state.CategoryIds = [.. ReadStrings(reader)];
                    break;
                case Tag.Closed:
                    state.Closed = reader.ReadBoolean();
                    break;
                case Tag.Waitlist:
                    state.WaitlistCategories = [.. ReadStrings(reader)];
                    break;
                case Tag.Upsert:
                    var holdId = reader.ReadString();
                    state.Allocations[holdId] = ReadAllocation(reader);
                    break;
                case Tag.Remove:
                    state.Allocations.Remove(reader.ReadString());
                    break;
                case Tag.Audit:
                    var tallies = Tallies(state, reader.Read7BitEncodedInt());
                    var mask = reader.Read7BitEncodedInt();
                    for (var slot = 0; slot < tallies.Length; slot++)
                    {
                        if ((mask & (1 << slot)) != 0)
                        {
                            tallies[slot] = reader.Read7BitEncodedInt64();
                        }
                    }

                    break;
                case Tag.SellOut:
                    var category = CategoryAudit(state, reader.Read7BitEncodedInt());
                    var present = reader.ReadByte();
                    category.FirstNoneAvailableAt = (present & 1) != 0 ? ReadTime(reader) : null;
                    category.SoldOutAt = (present & 2) != 0 ? ReadTime(reader) : null;
                    break;
                default:
                    throw new InvalidDataException($"Block journal record with an unknown section {(byte)tag}.");
            }
        }
    }

    private static BinaryWriter Begin(MemoryStream stream, SeatBlockState state)
    {
        var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Format);
        writer.Write7BitEncodedInt64(state.Version);
        return writer;
    }

    private void WriteLayout(BinaryWriter writer, SeatBlockState state)
    {
        var definition = definitions.SerializeToArray(state.Definition!);
        writer.Write((byte)Tag.Layout);
        writer.Write7BitEncodedInt(definition.Length);
        writer.Write(definition);
        WriteStrings(writer, state.CategoryIds);
    }

    private static void WriteClosed(BinaryWriter writer, SeatBlockState state)
    {
        writer.Write((byte)Tag.Closed);
        writer.Write(state.Closed);
    }

    private static void WriteWaitlist(BinaryWriter writer, SeatBlockState state)
    {
        writer.Write((byte)Tag.Waitlist);
        WriteStrings(writer, state.WaitlistCategories);
    }

    private static void WriteUpsert(BinaryWriter writer, string holdId, Allocation allocation)
    {
        writer.Write((byte)Tag.Upsert);
        writer.Write(holdId);
        writer.Write(allocation.BuyerId);
        writer.Write((byte)allocation.Status);
        writer.Write(allocation.Category);
        writer.Write7BitEncodedInt(allocation.Quantity);
        writer.Write7BitEncodedInt64(allocation.ExpiresAt.UtcTicks);
        writer.Write7BitEncodedInt(allocation.Seats.Length);

        // Seats are ascending, mostly neighbours: each is written as its (zigzag) distance from the one before.
        var previous = 0;
        foreach (var seat in allocation.Seats)
        {
            var delta = seat - previous;
            writer.Write7BitEncodedInt((delta << 1) ^ (delta >> 31));
            previous = seat;
        }
    }

    private static Allocation ReadAllocation(BinaryReader reader)
    {
        var allocation = new Allocation
        {
            BuyerId = reader.ReadString(),
            Status = (AllocationStatus)reader.ReadByte(),
            Category = reader.ReadByte(),
            Quantity = reader.Read7BitEncodedInt(),
            ExpiresAt = ReadTime(reader),
            Seats = new int[reader.Read7BitEncodedInt()],
        };
        var previous = 0;
        for (var i = 0; i < allocation.Seats.Length; i++)
        {
            var zigzag = (uint)reader.Read7BitEncodedInt();
            previous += (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
            allocation.Seats[i] = previous;
        }

        return allocation;
    }

    private static void WriteAudit(BinaryWriter writer, int scope, int mask, long[] tallies)
    {
        writer.Write((byte)Tag.Audit);
        writer.Write7BitEncodedInt(scope);
        writer.Write7BitEncodedInt(mask);
        for (var slot = 0; slot < tallies.Length; slot++)
        {
            if ((mask & (1 << slot)) != 0)
            {
                writer.Write7BitEncodedInt64(tallies[slot]);
            }
        }
    }

    private static void WriteSellOut(BinaryWriter writer, int category, CategoryAuditState audit)
    {
        writer.Write((byte)Tag.SellOut);
        writer.Write7BitEncodedInt(category);
        writer.Write((byte)((audit.FirstNoneAvailableAt is null ? 0 : 1) | (audit.SoldOutAt is null ? 0 : 2)));
        if (audit.FirstNoneAvailableAt is { } firstNone)
        {
            writer.Write7BitEncodedInt64(firstNone.UtcTicks);
        }

        if (audit.SoldOutAt is { } soldOut)
        {
            writer.Write7BitEncodedInt64(soldOut.UtcTicks);
        }
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyCollection<string> values)
    {
        writer.Write7BitEncodedInt(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static List<string> ReadStrings(BinaryReader reader)
    {
        var values = new List<string>(reader.Read7BitEncodedInt());
        for (var i = values.Capacity; i > 0; i--)
        {
            values.Add(reader.ReadString());
        }

        return values;
    }

    private static DateTimeOffset ReadTime(BinaryReader reader) => new(reader.Read7BitEncodedInt64(), TimeSpan.Zero);

    /// <summary>The tallies of <paramref name="scope"/>: 0 the block, c + 1 category c (created as the audit counters create them).</summary>
    private static long[] Tallies(SeatBlockState state, int scope) =>
        scope == 0 ? (state.Audit ??= new BlockAuditState()).Tallies : CategoryAudit(state, scope - 1).Tallies;

    private static CategoryAuditState CategoryAudit(SeatBlockState state, int category)
    {
        var audit = state.Audit ??= new BlockAuditState();
        while (audit.Categories.Count <= category)
        {
            audit.Categories.Add(new CategoryAuditState());
        }

        return audit.Categories[category];
    }
}
