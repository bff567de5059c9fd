using System.Buffers.Binary;
using System.IO.Compression;

namespace RegionCodec.TestShared;

/// <summary>
/// Reads the ICC profile of a PNG's iCCP chunk (profile name, NUL, compression method 0, zlib stream),
/// for tests that need a real profile: ImageSharp 2.1 does not read iCCP. Linked into each test project.
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
}
