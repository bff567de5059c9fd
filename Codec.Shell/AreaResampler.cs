namespace RegionCodec.Shell;

/// <summary>
/// Downscaling by area averaging (each output pixel is the coverage-weighted mean of the source pixels
/// under it), separable, in 16.16 fixed point so results are the same on every platform.
/// Enlarging is not needed for thumbnails but works (it degenerates to nearest neighbour).
/// </summary>
internal static class AreaResampler
{
    public static byte[] Resize(ReadOnlySpan<byte> source, int width, int height, int channels, int newWidth, int newHeight)
    {
        if (newWidth == width && newHeight == height)
        {
            return source[..(width * height * channels)].ToArray();
        }

        (int[] hStart, int[] hCount, int[] hWeights) = Weights(width, newWidth);
        (int[] vStart, int[] vCount, int[] vWeights) = Weights(height, newHeight);
        int hTaps = MaxTaps(width, newWidth);

        // Horizontal pass into 16.16 fixed point rows, then vertical pass.
        long[] horizontal = new long[newWidth * height * channels];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < newWidth; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    long sum = 0;
                    for (int k = 0; k < hCount[x]; k++)
                    {
                        sum += (long)hWeights[(x * hTaps) + k] * source[(((y * width) + hStart[x] + k) * channels) + c];
                    }

                    horizontal[(((y * newWidth) + x) * channels) + c] = sum;
                }
            }
        }

        byte[] result = new byte[newWidth * newHeight * channels];
        int vTaps = MaxTaps(height, newHeight);
        for (int y = 0; y < newHeight; y++)
        {
            for (int x = 0; x < newWidth * channels; x++)
            {
                long sum = 0;
                for (int k = 0; k < vCount[y]; k++)
                {
                    sum += vWeights[(y * vTaps) + k] * horizontal[((vStart[y] + k) * newWidth * channels) + x];
                }

                result[(y * newWidth * channels) + x] = (byte)Math.Clamp((sum + (1L << 31)) >> 32, 0, 255);
            }
        }

        return result;
    }

    private static int MaxTaps(int size, int newSize) => (int)Math.Ceiling((double)size / newSize) + 2;

    /// <summary>For each output index: first source index, tap count and 16.16 weights summing to 65536.</summary>
    private static (int[] Start, int[] Count, int[] Weights) Weights(int size, int newSize)
    {
        int taps = MaxTaps(size, newSize);
        int[] start = new int[newSize], count = new int[newSize], weights = new int[newSize * taps];
        for (int i = 0; i < newSize; i++)
        {
            // Output pixel i covers source interval [i * size / newSize, (i + 1) * size / newSize).
            double lo = (double)i * size / newSize, hi = (double)(i + 1) * size / newSize;
            int first = Math.Min((int)Math.Floor(lo), size - 1);
            int last = Math.Min(Math.Max((int)Math.Ceiling(hi) - 1, first), size - 1);
            start[i] = first;
            count[i] = last - first + 1;
            double span = Math.Max(hi - lo, 1e-9);
            int total = 0;
            for (int k = 0; k < count[i]; k++)
            {
                double cover = Math.Min(hi, first + k + 1) - Math.Max(lo, first + k);
                int w = (int)Math.Round(Math.Max(cover, 0) / span * 65536);
                weights[(i * taps) + k] = w;
                total += w;
            }

            // Put the rounding remainder on the largest tap so the weights sum to exactly 1.0.
            int largest = 0;
            for (int k = 1; k < count[i]; k++)
            {
                if (weights[(i * taps) + k] > weights[(i * taps) + largest])
                {
                    largest = k;
                }
            }

            weights[(i * taps) + largest] += 65536 - total;
        }

        return (start, count, weights);
    }
}
