using RegionCodec.Entropy;
using RegionCodec.Mask;

namespace RegionCodec.Fuzz;

// The mask target: the mask row decoder (spec §6.2).
public static partial class FuzzTargets
{
    /// <summary>
    /// The mask row decoder (spec §6.2). Input: byte 0 = mask width - 1 (1..256), byte 1 = region
    /// count - 1, byte 2 = row count - 1 (1..64); the rest is the range-coded payload.
    /// </summary>
    public static void Mask(byte[] input)
    {
        if (input.Length < 3)
        {
            return;
        }

        int width = input[0] + 1, regionCount = input[1] + 1, rows = (input[2] & 63) + 1;
        var decoder = new RangeDecoder(input.AsSpan(3));
        var contexts = new MaskContexts();
        byte[] mask = new byte[width * rows];
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<byte> above = row == 0 ? default : mask.AsSpan((row - 1) * width, width);
            if (!MaskRowCoder.CodeRow(ref decoder, contexts, above, mask.AsSpan(row * width, width), regionCount))
            {
                return; // rejected as R11
            }

            foreach (byte label in mask.AsSpan(row * width, width))
            {
                Require(label < regionCount, $"mask row {row} holds label {label}, not below {regionCount}");
            }
        }
    }
}
