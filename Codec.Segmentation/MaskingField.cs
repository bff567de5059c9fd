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
    public static float[] Compute(byte[] luma, int width, int height, float neighbourErosion, int strokeGradient, Span<byte> strokePixels, CancellationToken cancellationToken = default)
    {
        int bw = (width + 7) >> 3, bh = (height + 7) >> 3;
        bool countStrokes = !strokePixels.IsEmpty;
        if (countStrokes && strokePixels.Length != bw * bh)
        {
            throw new ArgumentException($"Need one stroke count per 8x8 block ({bw * bh}).", nameof(strokePixels));
        }

        strokePixels.Clear();
        int qw = bw * 2, qh = bh * 2;

        // Sum of |dx| + |dy| (central differences, clamped at the borders) per 4x4 quarter, and its pixel count.
        var quarterSum = new int[qw * qh];
        var quarterCount = new int[qw * qh];
        for (int y = 0; y < height; y++)
        {
            if ((y & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested(); // every 64 rows: a few milliseconds even on wide images
            }

            int up = Math.Max(0, y - 1) * width, down = Math.Min(height - 1, y + 1) * width, row = y * width;
            int qRow = (y >> 2) * qw;
            int bRow = (y >> 3) * bw;
            for (int x = 0; x < width; x++)
            {
                int left = Math.Max(0, x - 1), right = Math.Min(width - 1, x + 1);
                int g = Math.Abs(luma[row + right] - luma[row + left]) + Math.Abs(luma[down + x] - luma[up + x]);
                quarterSum[qRow + (x >> 2)] += g;
                quarterCount[qRow + (x >> 2)]++;
                if (countStrokes && g >= strokeGradient)
                {
                    strokePixels[bRow + (x >> 3)]++; // at most 64 per block: fits a byte
                }
            }
        }

        var block = new float[bw * bh];
        Span<float> quarters = stackalloc float[4];
        for (int by = 0; by < bh; by++)
        {
            if ((by & 15) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (int bx = 0; bx < bw; bx++)
            {
                int n = 0;
                for (int dy = 0; dy < 2; dy++)
                {
                    for (int dx = 0; dx < 2; dx++)
                    {
                        int q = ((by * 2) + dy) * qw + (bx * 2) + dx;
                        if (quarterCount[q] > 0)
                        {
                            quarters[n++] = quarterSum[q] / (float)quarterCount[q];
                        }
                    }
                }

                quarters[..n].Sort();
                float calm = n >= 2 ? (quarters[0] + quarters[1]) * 0.5f : quarters[0];
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
}
