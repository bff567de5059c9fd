using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace RegionCodec.Shell;

/// <summary>A minimal PNG encoder (8-bit RGB or RGBA, filter 0 except Sub per row, zlib), so the thumbnailer needs no image library.</summary>
public static class PngWriter
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes RGBA pixels (stride 4 * width); with <paramref name="opaque"/> the alpha is dropped and an RGB PNG written.</summary>
    public static void WriteRgba(Stream output, int width, int height, ReadOnlySpan<byte> rgba, bool opaque)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        int channels = opaque ? 3 : 4;
        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;                                   // bit depth
        header[9] = (byte)(opaque ? 2 : 6);              // truecolour (with alpha)
        WriteChunk(output, "IHDR"u8, header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            byte[] row = new byte[1 + (width * channels)];
            for (int y = 0; y < height; y++)
            {
                row[0] = 1;                              // filter: Sub
                ReadOnlySpan<byte> source = rgba.Slice(y * width * 4, width * 4);
                for (int x = 0; x < width; x++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        int value = source[(x * 4) + c];
                        int left = x == 0 ? 0 : source[((x - 1) * 4) + c];
                        row[1 + (x * channels) + c] = (byte)(value - left);
                    }
                }

                zlib.Write(row);
            }
        }

        WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND"u8, []);
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }
}
