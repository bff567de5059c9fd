using RegionCodec.Entropy;

namespace RegionCodec.Alpha;

/// <summary>
/// Codes one row of the alpha plane (spec/rsg.md §9.4): a "same as the row above" flag, else per pixel
/// the residual against the plane predictor a + b − c (left, above, above-left), with contexts from the
/// neighbours' activity and the left pixel's residual. Opaque or empty rows cost one decision, flat
/// stretches of an edited row a fraction of a bit per pixel; feathered edges and gradients, which the
/// plane predictor follows closely, pay the rest.
/// </summary>
internal static class AlphaRowCoder
{
    /// <summary>
    /// Encodes or decodes <paramref name="row"/> given <paramref name="above"/> (all 255 for a strip's
    /// first row). <paramref name="rowState"/> is the RowSame context index: 0 before the strip's first row,
    /// then updated here. Returns false when a decoded sample falls outside 0..255 (R14).
    /// </summary>
    public static bool CodeRow<T>(ref T coder, AlphaContexts ctx, ReadOnlySpan<byte> above, Span<byte> row, ref int rowState)
        where T : IBinaryCoder, allows ref struct
    {
        int width = row.Length;
        bool same = !coder.IsDecoder && row.SequenceEqual(above);
        if (coder.Code(ref ctx.RowSame[rowState], same ? 1 : 0) != 0)
        {
            if (coder.IsDecoder)
            {
                above.CopyTo(row);
            }

            rowState = 1;
            return true;
        }

        rowState = 2;
        int left = 0; // the left pixel's residual: 0 zero (or none), 1 positive, 2 negative
        for (int x = 0; x < width; x++)
        {
            int b = above[x];
            int a = x > 0 ? row[x - 1] : b;
            int c = x > 0 ? above[x - 1] : b;
            int d = x + 1 < width ? above[x + 1] : b;
            int prediction = Math.Clamp(a + b - c, 0, 255);
            int activity = Math.Abs(a - c) + Math.Abs(b - c) + Math.Abs(b - d);
            int bucket = Math.Min(32 - int.LeadingZeroCount(activity), AlphaContexts.Buckets - 1);
            int residual = coder.IsDecoder ? 0 : row[x] - prediction;
            if (coder.Code(ref ctx.Zero[(bucket * 3) + left], residual == 0 ? 1 : 0) != 0)
            {
                row[x] = (byte)prediction;
                left = 0;
                continue;
            }

            // At 0 or 255 only one sign keeps the sample inside 0..255, so it is implied, not coded. Elsewhere
            // the curvature of the row above tells which side of the plane the sample tends to fall.
            int curvature = Math.Sign(d - b - b + c) + 1;
            int negative = prediction switch
            {
                0 => 0,
                255 => 1,
                _ => coder.Code(ref ctx.Sign[(((bucket * 3) + left) * 3) + curvature], residual < 0 ? 1 : 0),
            };
            int set = (bucket * 2) + (left != 0 ? 1 : 0);
            int magnitude = BinarizedValue.CodeMagnitude(ref coder,
                ctx.Length.AsSpan(set * AlphaContexts.MagnitudeBits, AlphaContexts.MagnitudeBits),
                ctx.Mantissa.AsSpan(set * AlphaContexts.MagnitudeBits * 2, AlphaContexts.MagnitudeBits * 2),
                AlphaContexts.MagnitudeBits, Math.Abs(residual));
            int value = prediction + (negative != 0 ? -magnitude : magnitude);
            if ((uint)value > 255)
            {
                return false;
            }

            row[x] = (byte)value;
            left = negative != 0 ? 2 : 1;
        }

        return true;
    }
}
