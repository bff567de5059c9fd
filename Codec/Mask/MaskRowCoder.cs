using RegionCodec.Entropy;

namespace RegionCodec.Mask;

/// <summary>
/// Codes one row of mask cells as label runs (spec/rsg.md §6.2). Each run's label is first tested
/// against the label above its start; its end is predicted by the next label change in the row above
/// and only the difference is coded, so an outline that moves a cell or two per row costs a few bits.
/// </summary>
internal static class MaskRowCoder
{
    /// <summary>
    /// Encodes or decodes <paramref name="row"/>. <paramref name="above"/> is empty for the first mask
    /// row of a strip. Returns false when the decoded data breaks a rule (label not below
    /// <paramref name="regionCount"/>, or a run end outside the row).
    /// </summary>
    public static bool CodeRow<T>(ref T coder, MaskContexts ctx, ReadOnlySpan<byte> above, Span<byte> row, int regionCount)
        where T : IBinaryCoder, allows ref struct
    {
        int width = row.Length;
        bool hasAbove = !above.IsEmpty;
        int x = 0;
        int previousLabel = -1;

        // End of the run of the row above that contains x. x only grows, so it is found again only once
        // x reaches it: finding it anew for every run would cost O(width) per run, quadratic per row
        // (spec/rsg.md §12: decoding time is linear).
        int aboveRunEnd = 0;
        while (x < width)
        {
            int label = coder.IsDecoder ? 0 : row[x];
            int set;
            if (hasAbove)
            {
                int labelAbove = above[x];
                int sameContext = previousLabel < 0 ? 0 : previousLabel == labelAbove ? 1 : 2;
                if (coder.Code(ref ctx.SameAsAbove[sameContext], label == labelAbove ? 1 : 0) != 0)
                {
                    label = labelAbove;
                    set = 0;
                }
                else
                {
                    label = BinarizedValue.CodeTree(ref coder, ctx.LabelTree, 8, label);
                    set = 1;
                }
            }
            else
            {
                label = BinarizedValue.CodeTree(ref coder, ctx.LabelTree, 8, label);
                set = 2;
            }

            if (label >= regionCount)
            {
                return false;
            }

            if (hasAbove && x >= aboveRunEnd)
            {
                aboveRunEnd = NextChange(above, x);
            }

            int predictedEnd = hasAbove ? aboveRunEnd : width;
            int actualEnd = coder.IsDecoder ? 0 : RunEnd(row, x);
            int end = predictedEnd + BinarizedValue.CodeSigned(ref coder, ref ctx.RunExact[set], ref ctx.RunSign[set],
                ctx.RunLength.AsSpan(set * MaskContexts.RunMaxBits, MaskContexts.RunMaxBits),
                ctx.RunMantissa.AsSpan(set * MaskContexts.RunMaxBits * 2, MaskContexts.RunMaxBits * 2),
                MaskContexts.RunMaxBits, actualEnd - predictedEnd);
            if (end <= x || end > width)
            {
                return false;
            }

            if (coder.IsDecoder)
            {
                row[x..end].Fill((byte)label);
            }

            previousLabel = label;
            x = end;
        }

        return true;
    }

    /// <summary>The first position after <paramref name="x"/> where the row above changes label, or the width.</summary>
    private static int NextChange(ReadOnlySpan<byte> above, int x)
    {
        byte start = above[x];
        int offset = above[(x + 1)..].IndexOfAnyExcept(start);
        return offset < 0 ? above.Length : x + 1 + offset;
    }

    private static int RunEnd(ReadOnlySpan<byte> row, int x)
    {
        int offset = row[(x + 1)..].IndexOfAnyExcept(row[x]);
        return offset < 0 ? row.Length : x + 1 + offset;
    }
}
