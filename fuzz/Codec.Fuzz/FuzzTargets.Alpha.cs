using RegionCodec.Alpha;
using RegionCodec.Entropy;
using RegionCodec.Memory;

namespace RegionCodec.Fuzz;

// The alpha target: the alpha plane decoder (spec §9.4).
public static partial class FuzzTargets
{
    /// <summary>
    /// The alpha row decoder (spec §9.4). Input: byte 0 = width - 1 (1..256), byte 1 = row count - 1 (1..64);
    /// the rest is the range-coded payload. A plane it accepts must survive the encoder: coding the decoded
    /// samples again and decoding that gives the same samples.
    /// </summary>
    public static void Alpha(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        int width = input[0] + 1, rows = (input[1] & 63) + 1;
        byte[] plane = new byte[width * rows];
        if (!DecodeAlpha(input.AsSpan(2), width, rows, plane))
        {
            return; // rejected as R14
        }

        using var payload = new PooledBufferWriter();
        var encoder = new RangeEncoder(payload);
        var contexts = new AlphaContexts();
        byte[] opaque = new byte[width];
        opaque.AsSpan().Fill(255);
        int rowState = 0;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<byte> above = row == 0 ? opaque : plane.AsSpan((row - 1) * width, width);
            AlphaRowCoder.CodeRow(ref encoder, contexts, above, plane.AsSpan(row * width, width), ref rowState);
        }

        encoder.Finish();
        byte[] again = new byte[plane.Length];
        Require(DecodeAlpha(payload.WrittenSpan, width, rows, again), "re-encoded alpha plane was rejected");
        Require(again.AsSpan().SequenceEqual(plane), "re-encoded alpha plane decodes to other samples");
    }

    private static bool DecodeAlpha(ReadOnlySpan<byte> payload, int width, int rows, byte[] plane)
    {
        var decoder = new RangeDecoder(payload);
        var contexts = new AlphaContexts();
        byte[] opaque = new byte[width];
        opaque.AsSpan().Fill(255);
        int rowState = 0;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<byte> above = row == 0 ? opaque : plane.AsSpan((row - 1) * width, width);
            if (!AlphaRowCoder.CodeRow(ref decoder, contexts, above, plane.AsSpan(row * width, width), ref rowState))
            {
                return false;
            }
        }

        return true;
    }
}
