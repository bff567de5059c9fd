namespace RegionCodec.Segmentation;

/// <summary>
/// How well each 8x8 block hides quantization error (visual masking), from luma alone: the local contrast
/// energy of the block, taken at its calmest part. A block that is half flat and half edge is judged by its
/// flat half, because a DCT's ringing spreads over the whole block and shows on the flat side; busy texture
/// everywhere in the block masks error. The result is log2(1 + mean |dx| + |dy|) of the block's two calmest
/// 4x4 quarters, then eroded towards the calmest neighbour (flat areas next to texture keep fine steps).
/// The same pass counts, per block, the pixels whose gradient reaches a stroke level: dense strong strokes (text,
/// line art) raise the masking like texture does but show every ringing artefact, and the segmenter uses the count
/// to recognise text.
/// </summary>
internal static class MaskingField
{
    /// <summary>
    /// One value per 8x8 block, row-major over ceil(width/8) x ceil(height/8) blocks. When
    /// <paramref name="strokePixels"/> is not empty (one entry per block), it receives each block's number of pixels
    /// whose |dx| + |dy| is at least <paramref name="strokeGradient"/>.
    /// </summary>
    public static float[] Compute(byte[] luma, int width, int height, float neighbourErosion, int strokeGradient, Span<byte> strokePixels,
        CancellationToken cancellationToken = default, int maxDegreeOfParallelism = 1)
    {
        int bw = (width + 7) >> 3, bh = (height + 7) >> 3;
        bool countStrokes = !strokePixels.IsEmpty;
        if (countStrokes && strokePixels.Length != bw * bh)
        {
            throw new ArgumentException($"Need one stroke count per 8x8 block ({bw * bh}).", nameof(strokePixels));
        }

        strokePixels.Clear();
        int qw = bw * 2, qh = bh * 2;

        // Sum of |dx| + |dy| (central differences, clamped at the borders) per 4x4 quarter. Bands of block rows
        // write disjoint quarters and stroke counts, so they run in parallel with the same sums.
        var quarterSum = new int[qw * qh];
        byte[]? strokes = countStrokes ? new byte[bw * bh] : null;
        const int BlockRowsPerBand = 8;
        int bands = (bh + BlockRowsPerBand - 1) / BlockRowsPerBand;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism), CancellationToken = cancellationToken };
        Parallel.For(0, bands, parallel, () => new ushort[width], (band, _, gradients) =>
        {
            cancellationToken.ThrowIfCancellationRequested(); // per band: a few milliseconds even on wide images
            int yEnd = Math.Min(height, (band + 1) * BlockRowsPerBand * 8);
            for (int y = band * BlockRowsPerBand * 8; y < yEnd; y++)
            {
                GradientRow.Compute(luma, width, height, y, gradients);
                AccumulateRow(gradients, width, quarterSum.AsSpan((y >> 2) * qw, qw), strokes is null ? default : strokes.AsSpan((y >> 3) * bw, bw), strokeGradient);
            }

            return gradients;
        }, _ => { });
        strokes?.CopyTo(strokePixels);
        return FromQuarterSums(quarterSum, width, height, neighbourErosion, cancellationToken);
    }

    /// <summary>The field from the per-quarter gradient sums (2·ceil(width/8) × 2·ceil(height/8), row-major): the two calmest quarters' mean, log2, erosion.</summary>
    internal static float[] FromQuarterSums(int[] quarterSum, int width, int height, float neighbourErosion, CancellationToken cancellationToken)
    {
        int bw = (width + 7) >> 3, bh = (height + 7) >> 3, qw = bw * 2;
        var block = new float[bw * bh];
        for (int by = 0; by < bh; by++)
        {
            if ((by & 15) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (int bx = 0; bx < bw; bx++)
            {
                // The block's quarters that hold pixels (edge blocks may have one or two), mean gradient each.
                float lowest = float.MaxValue, second = float.MaxValue;
                int n = 0;
                for (int dy = 0; dy < 2; dy++)
                {
                    int rows = Math.Min(4, height - ((by * 8) + (dy * 4)));
                    for (int dx = 0; dx < 2; dx++)
                    {
                        int columns = Math.Min(4, width - ((bx * 8) + (dx * 4)));
                        if (rows <= 0 || columns <= 0)
                        {
                            continue;
                        }

                        float mean = quarterSum[(((by * 2) + dy) * qw) + (bx * 2) + dx] / (float)(rows * columns);
                        n++;
                        if (mean < lowest)
                        {
                            second = lowest;
                            lowest = mean;
                        }
                        else if (mean < second)
                        {
                            second = mean;
                        }
                    }
                }

                float calm = n >= 2 ? (lowest + second) * 0.5f : lowest;
                block[(by * bw) + bx] = MathF.Log2(1f + calm);
            }
        }

        if (neighbourErosion <= 0)
        {
            return block;
        }

        // Pull each block towards its calmest 4-neighbour: texture that borders a flat area is coded finer there.
        var eroded = new float[block.Length];
        for (int by = 0; by < bh; by++)
        {
            for (int bx = 0; bx < bw; bx++)
            {
                int i = (by * bw) + bx;
                float min = block[i];
                if (bx > 0) min = Math.Min(min, block[i - 1]);
                if (bx < bw - 1) min = Math.Min(min, block[i + 1]);
                if (by > 0) min = Math.Min(min, block[i - bw]);
                if (by < bh - 1) min = Math.Min(min, block[i + bw]);
                eroded[i] = block[i] - (neighbourErosion * (block[i] - min));
            }
        }

        return eroded;
    }
    /// <summary>Adds one row's gradients to its quarters' sums and counts its stroke pixels per 8x8 block.</summary>
    internal static void AccumulateRow(ReadOnlySpan<ushort> gradients, int width, Span<int> quarterSums, Span<byte> strokes, int strokeGradient)
    {
        int x = 0;
        for (; x + 4 <= width; x += 4)
        {
            int a = gradients[x], b = gradients[x + 1], c = gradients[x + 2], d = gradients[x + 3];
            quarterSums[x >> 2] += a + b + c + d;
            if (!strokes.IsEmpty)
            {
                // at most 64 per block: fits a byte
                strokes[x >> 3] += (byte)((a >= strokeGradient ? 1 : 0) + (b >= strokeGradient ? 1 : 0) + (c >= strokeGradient ? 1 : 0) + (d >= strokeGradient ? 1 : 0));
            }
        }

        for (; x < width; x++)
        {
            int g = gradients[x];
            quarterSums[x >> 2] += g;
            if (!strokes.IsEmpty && g >= strokeGradient)
            {
                strokes[x >> 3]++;
            }
        }
    }
}
