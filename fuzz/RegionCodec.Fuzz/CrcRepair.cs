using System.Buffers.Binary;
using System.IO.Hashing;

namespace RegionCodec.Fuzz;

/// <summary>
/// Rewrites the CRC of every complete chunk so that mutations behind a chunk head reach the parsers
/// instead of stopping at R3. The targets decode the input as given and, when that changes anything,
/// the repaired copy as well.
/// </summary>
public static class CrcRepair
{
    /// <summary>A copy of <paramref name="file"/> with every complete chunk's CRC corrected, or null if none needed it.</summary>
    public static byte[]? Repair(ReadOnlySpan<byte> file)
    {
        byte[]? copy = null;
        long offset = 8;
        while (offset + 12 <= file.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(file[(int)offset..]);
            if (offset + 12 + length > file.Length)
            {
                break;
            }

            int start = (int)offset;
            uint crc = Crc32.HashToUInt32(file.Slice(start + 4, 4 + (int)length));
            int crcAt = start + 8 + (int)length;
            if (BinaryPrimitives.ReadUInt32BigEndian(file[crcAt..]) != crc)
            {
                copy ??= file.ToArray();
                BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(crcAt), crc);
            }

            offset += 12 + length;
        }

        return copy;
    }
}
