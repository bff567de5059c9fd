using System.Buffers.Binary;

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
        foreach (RsgChunk chunk in RsgChunk.Walk(file))
        {
            uint crc = chunk.ComputeCrc(file);
            if (chunk.StoredCrc != crc)
            {
                copy ??= file.ToArray();
                BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan((int)chunk.CrcOffset), crc);
            }
        }

        return copy;
    }
}
