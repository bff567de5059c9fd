using System.Buffers.Binary;
using System.IO.Compression;

namespace RegionCodec.TestShared;

/// <summary>
/// Reads and writes a PNG's iCCP chunk (profile name, NUL, compression method 0, zlib stream) for tests
/// that need a real profile: ImageSharp 2.1 neither reads nor writes iCCP. Written independently of
/// rsgconv's own PNG code, so a test checks one against the other. Linked into each test project.
/// </summary>
internal static class PngIccChunk
{
    public static byte[]? Read(byte[] png)
    {
        for (int at = 8; at + 12 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (png.AsSpan(at + 4, 4).SequenceEqual("iCCP"u8))
            {
                byte[] data = png.AsSpan(at + 8, length).ToArray();
                int nul = Array.IndexOf(data, (byte)0);
                using var zlib = new ZLibStream(new MemoryStream(data, nul + 2, data.Length - nul - 2), CompressionMode.Decompress);
                var profile = new MemoryStream();
                zlib.CopyTo(profile);
                return profile.ToArray();
            }

            at += 12 + length;
        }

        return null;
    }

    /// <summary><paramref name="png"/> with an iCCP chunk holding <paramref name="profile"/> right after IHDR.</summary>
    public static byte[] Insert(byte[] png, byte[] profile)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(profile);
        }

        byte[] data = [.. "sRGB\0\0"u8, .. compressed.ToArray()];
        byte[] chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        "iCCP"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), System.IO.Hashing.Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        int afterHeader = 8 + 12 + BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8));
        return [.. png[..afterHeader], .. chunk, .. png[afterHeader..]];
    }
}
