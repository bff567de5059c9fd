using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace RegionCodec.Container;

/// <summary>Cuts whole chunks out of buffered bytes and checks their CRC (spec/rsg.md §3.2).</summary>
internal static class ChunkFraming
{
    /// <summary>
    /// Reads the chunk at <paramref name="reader"/>'s position, which is file offset <paramref name="offset"/>.
    /// Returns false, consuming nothing, when the chunk is not yet wholly buffered. The declared length
    /// is checked against <see cref="ContainerParser.MaxLength"/> as soon as the 8-byte chunk head is
    /// available, so no buffer ever grows for a chunk that would be rejected.
    /// </summary>
    public static bool TryRead(ref SequenceReader<byte> reader, ContainerParser parser, long offset, out uint type, out ReadOnlySequence<byte> data)
    {
        type = 0;
        data = default;
        Span<byte> head = stackalloc byte[8];
        if (!reader.TryCopyTo(head))
        {
            return false;
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(head);
        type = BinaryPrimitives.ReadUInt32BigEndian(head[4..]);
        long max = parser.MaxLength(type, offset);
        if (length > max)
        {
            ThrowHelper.Format(RsgError.BadChunkLength, offset, $"chunk '{ChunkType.ToText(type)}' declares {length} bytes, more than its limit of {max}");
        }

        if (reader.Remaining < 12L + length)
        {
            return false;
        }

        reader.Advance(8);
        data = reader.UnreadSequence.Slice(0, length);
        reader.Advance(length);
        reader.TryReadBigEndian(out int storedCrc);

        var crc = new Crc32();
        crc.Append(head[4..]);
        foreach (ReadOnlyMemory<byte> segment in data)
        {
            crc.Append(segment.Span);
        }

        if (crc.GetCurrentHashAsUInt32() != (uint)storedCrc)
        {
            ThrowHelper.Format(RsgError.BadCrc, offset + 8 + length, $"CRC mismatch in chunk '{ChunkType.ToText(type)}'");
        }

        return true;
    }
}
