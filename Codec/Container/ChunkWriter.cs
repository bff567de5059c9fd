using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace RegionCodec.Container;

/// <summary>Writes chunks: length (u32 BE), type, data, CRC-32 of type and data (spec/rsg.md §3).</summary>
internal static class ChunkWriter
{
    public static void WriteSignature(IBufferWriter<byte> output)
    {
        RsgConstants.Signature.CopyTo(output.GetSpan(8));
        output.Advance(8);
    }

    /// <summary>Writes one chunk whose data is <paramref name="prefix"/> followed by <paramref name="data"/>.</summary>
    public static void Write(IBufferWriter<byte> output, uint type, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data)
    {
        long length = (long)prefix.Length + data.Length;
        if (length > int.MaxValue)
        {
            throw new InvalidOperationException("Chunk too large.");
        }

        Span<byte> head = output.GetSpan(8);
        BinaryPrimitives.WriteUInt32BigEndian(head, (uint)length);
        BinaryPrimitives.WriteUInt32BigEndian(head[4..], type);
        var crc = new Crc32();
        crc.Append(head.Slice(4, 4));
        output.Advance(8);
        crc.Append(prefix);
        crc.Append(data);
        WriteBytes(output, prefix);
        WriteBytes(output, data);
        Span<byte> tail = output.GetSpan(4);
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc.GetCurrentHashAsUInt32());
        output.Advance(4);
    }

    private static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            Span<byte> span = output.GetSpan(Math.Min(bytes.Length, 1 << 16));
            int n = Math.Min(span.Length, bytes.Length);
            bytes[..n].CopyTo(span);
            output.Advance(n);
            bytes = bytes[n..];
        }
    }
}
