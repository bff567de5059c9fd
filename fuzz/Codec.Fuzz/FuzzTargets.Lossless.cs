using RegionCodec.Entropy;
using RegionCodec.Lossless;
using RegionCodec.Memory;

namespace RegionCodec.Fuzz;

// The lossless target: the lossless sample decoder (spec §9.5).
public static partial class FuzzTargets
{
    /// <summary>
    /// The lossless sample decoder (spec §9.5). Input: byte 0 = width - 1 (1..256), byte 1 = row count - 1 (1..64)
    /// in its low 6 bits and gray in bit 6, byte 2 = a mask of 1-pixel cells, bit i set = label i mod 8 is
    /// lossless (cell (x, y) has label (x + y) mod 8); the rest is the range-coded payload. Every payload decodes
    /// (no reject rule), and the decoded plane must survive the encoder: coding its lossless pixels again and
    /// decoding that gives the same plane.
    /// </summary>
    public static void Lossless(byte[] input)
    {
        if (input.Length < 3)
        {
            return;
        }

        int width = input[0] + 1, rows = (input[1] & 63) + 1;
        bool gray = (input[1] & 64) != 0;
        bool[] isLossless = new bool[8];
        for (int label = 0; label < 8; label++)
        {
            isLossless[label] = ((input[2] >> label) & 1) != 0;
        }

        byte[] mask = new byte[width * rows];
        for (int y = 0; y < rows; y++)
        {
            for (int x = 0; x < width; x++)
            {
                mask[(y * width) + x] = (byte)((x + y) & 7);
            }
        }

        using var plane = new LosslessPlane();
        plane.Prepare(width, rows);
        var decoder = new RangeDecoder(input.AsSpan(3));
        LosslessSampleCoder.CodeStrip(ref decoder, new LosslessContexts(), new LosslessColourCache(gray), plane, mask, width, 0, 0, isLossless, gray);
        int[] decoded = new int[width * rows];
        for (int y = 0; y < rows; y++)
        {
            plane.Row(y).CopyTo(decoded.AsSpan(y * width));
            foreach (int colour in plane.Row(y))
            {
                Require(gray ? (uint)colour <= 255 : (uint)colour <= 0xFFFFFF, "a decoded lossless colour outside its channels");
            }
        }

        using var payload = new PooledBufferWriter();
        var encoder = new RangeEncoder(payload);
        LosslessSampleCoder.CodeStrip(ref encoder, new LosslessContexts(), new LosslessColourCache(gray), plane, mask, width, 0, 0, isLossless, gray);
        encoder.Finish();
        using var again = new LosslessPlane();
        again.Prepare(width, rows);
        var redecoder = new RangeDecoder(payload.WrittenSpan);
        LosslessSampleCoder.CodeStrip(ref redecoder, new LosslessContexts(), new LosslessColourCache(gray), again, mask, width, 0, 0, isLossless, gray);
        for (int y = 0; y < rows; y++)
        {
            Require(again.Row(y).SequenceEqual(decoded.AsSpan(y * width, width)), "re-encoded lossless plane decodes to other samples");
        }
    }
}
