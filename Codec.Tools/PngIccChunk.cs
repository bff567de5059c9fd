using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace RegionCodec.Tools;

/// <summary>
/// PNG's iCCP chunk (profile name, NUL, compression method 0, zlib-compressed profile), which ImageSharp
/// 2.1 neither reads nor writes: read from PNG inputs, and inserted into PNG outputs after IHDR.
/// </summary>
internal static class PngIccChunk
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Largest profile accepted from a PNG: the .rsg limit for any ancillary chunk.</summary>
    private const int MaxProfileBytes = RsgConstants.MaxAncillaryChunkLength;

    /// <summary>
    /// The profile in the iCCP chunk of the PNG that <paramref name="png"/> (seekable) holds from its current position, or
    /// null as for <see cref="Read(byte[])"/>. Reads only chunk heads up to the first IDAT (skipping their data) and the
    /// iCCP chunk itself; the stream is left where it was.
    /// </summary>
    public static byte[]? Read(Stream png)
    {
        long start = png.Position;
        try
        {
            Span<byte> head = stackalloc byte[8];
            if (png.ReadAtLeast(head, 8, throwOnEndOfStream: false) < 8 || !head.SequenceEqual(PngSignature))
            {
                return null;
            }

            while (png.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8)
            {
                uint length = BinaryPrimitives.ReadUInt32BigEndian(head);
                ReadOnlySpan<byte> type = head[4..];
                if (type.SequenceEqual("IDAT"u8) || length > int.MaxValue || png.Position + length + 4 > png.Length)
                {
                    return null; // iCCP must precede the image data; a chunk past the end is damage
                }

                if (type.SequenceEqual("iCCP"u8))
                {
                    if (length > MaxProfileBytes + 1024)
                    {
                        return null;
                    }

                    byte[] data = new byte[length];
                    png.ReadExactly(data);
                    return Inflate(data);
                }

                png.Seek(length + 4, SeekOrigin.Current);
            }

            return null;
        }
        finally
        {
            png.Position = start;
        }
    }

    /// <summary>The profile in <paramref name="png"/>'s iCCP chunk, or null (not a PNG, no iCCP, a damaged or oversized one).</summary>
    public static byte[]? Read(byte[] png)
    {
        if (!png.AsSpan().StartsWith(PngSignature))
        {
            return null;
        }

        for (long at = 8; at + 12 <= png.Length;)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan((int)at));
            if (at + 12 + length > png.Length)
            {
                return null;
            }

            ReadOnlySpan<byte> type = png.AsSpan((int)at + 4, 4);
            if (type.SequenceEqual("iCCP"u8))
            {
                return Inflate(png.AsSpan((int)at + 8, (int)length));
            }

            if (type.SequenceEqual("IDAT"u8))
            {
                return null; // iCCP must precede the image data
            }

            at += 12 + length;
        }

        return null;
    }

    /// <summary>Whether the profile's data colour space (header bytes 16..19) is the one PNG requires: 'GRAY' for gray images, 'RGB ' for colour.</summary>
    public static bool FitsColourSpace(ReadOnlySpan<byte> profile, bool gray) =>
        profile.Length >= 20 && profile.Slice(16, 4).SequenceEqual(gray ? "GRAY"u8 : "RGB "u8);

    /// <summary><paramref name="png"/> with an iCCP chunk holding <paramref name="profile"/> inserted right after IHDR.</summary>
    public static byte[] Insert(byte[] png, byte[] profile)
    {
        if (!png.AsSpan().StartsWith(PngSignature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new InvalidDataException("not a PNG stream starting with IHDR");
        }

        var data = new MemoryStream();
        data.Write("ICC profile\0\0"u8);
        using (var zlib = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(profile);
        }

        int afterHeader = 8 + 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(8));
        var output = new MemoryStream(png.Length + (int)data.Length + 12);
        output.Write(png.AsSpan(0, afterHeader));
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);
        var crc = new Crc32();
        crc.Append("iCCP"u8);
        crc.Append(data.GetBuffer().AsSpan(0, (int)data.Length));
        output.Write("iCCP"u8);
        output.Write(data.GetBuffer().AsSpan(0, (int)data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
        output.Write(png.AsSpan(afterHeader));
        return output.ToArray();
    }

    private static byte[]? Inflate(ReadOnlySpan<byte> chunk)
    {
        int nul = chunk.IndexOf((byte)0);
        if (nul is < 1 or > 79 || nul + 2 > chunk.Length || chunk[nul + 1] != 0)
        {
            return null;
        }

        try
        {
            using var zlib = new ZLibStream(new MemoryStream(chunk[(nul + 2)..].ToArray()), CompressionMode.Decompress);
            var profile = new MemoryStream();
            byte[] buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                if (profile.Length + read > MaxProfileBytes)
                {
                    return null; // a zlib bomb, or a profile no .rsg file could carry
                }

                profile.Write(buffer, 0, read);
            }

            return profile.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
