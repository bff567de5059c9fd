using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace RegionCodec.Container;

/// <summary>Chunk heads and CRCs (spec/rsg.md §3.2): [length u32][type u32][data][CRC-32 of type and data].</summary>
internal static class ChunkFraming
{
    public const int HeadLength = RsgChunk.HeadLength;
    public const int CrcLength = RsgChunk.CrcLength;

    /// <summary>
    /// Parses a chunk head at file offset <paramref name="offset"/> and checks the declared length
    /// against <see cref="ContainerParser.MaxLength"/>, before any of the chunk's data is buffered.
    /// </summary>
    public static (uint Type, uint Length) ReadHead(ReadOnlySpan<byte> head, ContainerParser parser, long offset)
    {
        uint length = BinaryPrimitives.ReadUInt32BigEndian(head);
        uint type = BinaryPrimitives.ReadUInt32BigEndian(head[4..]);
        long max = parser.MaxLength(type, offset);
        if (length > max)
        {
            ThrowHelper.Format(RsgError.BadChunkLength, offset, $"chunk '{ChunkType.ToText(type)}' declares {length} bytes, more than its limit of {max}");
        }

        return (type, length);
    }

    /// <summary>Checks the CRC that follows <paramref name="data"/>; <paramref name="crcOffset"/> is its file offset.</summary>
    public static void CheckCrc(uint type, ReadOnlySequence<byte> data, uint storedCrc, long crcOffset)
    {
        var crc = new Crc32();
        Span<byte> typeBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(typeBytes, type);
        crc.Append(typeBytes);
        foreach (ReadOnlyMemory<byte> segment in data)
        {
            crc.Append(segment.Span);
        }

        if (crc.GetCurrentHashAsUInt32() != storedCrc)
        {
            ThrowHelper.Format(RsgError.BadCrc, crcOffset, $"CRC mismatch in chunk '{ChunkType.ToText(type)}'");
        }
    }
}
