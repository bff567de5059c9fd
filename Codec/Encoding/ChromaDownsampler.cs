using System.Buffers;

namespace RegionCodec.Encoding;

/// <summary>
/// Encoder-side 4:2:0 downsampling matched to the decoder's upsampler: starts from the 2x2 box average
/// and refines it by gradient steps on ||Upsample(c) − full||², so the chroma the decoder reconstructs
/// is closer to the original than a box filter gives (+0.08 dB RGB PSNR on Kodak at quality 75).
/// The upsampler is separable (weights ¾, ¼ vertically, then horizontally), so each step is a vertical
/// pass, a horizontal pass, and their transposes. Not normative.
/// </summary>
internal sealed class ChromaDownsampler : IDisposable
{
    /// <summary>Two steps give nearly all of the gain of many (measured on Kodak: 0.084 of 0.087 dB).</summary>
    private const int Iterations = 2;
    private const float Step = 0.25f;

    private float[] _work = [];
    private float[] _gradient = [];
    private float[] _targets = [];

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        Return(ref _gradient);
        Return(ref _targets);
    }

    private static void Return(ref float[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        buffer = [];
    }

    private static Span<float> Rent(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            Return(ref buffer);
            buffer = ArrayPool<float>.Shared.Rent(length);
        }

        return buffer.AsSpan(0, length);
    }

    /// <summary>
    /// <paramref name="full"/>: full-resolution plane (stride <paramref name="fullStride"/>) with
    /// <paramref name="width"/> x <paramref name="rows"/> valid samples. <paramref name="chroma"/>:
    /// half-resolution plane (stride <paramref name="chromaStride"/>), already holding the box average; refined in place.
    /// </summary>
    public void Refine(ReadOnlySpan<float> full, int fullStride, int width, int rows, Span<float> chroma, int chromaStride)
    {
        int cw = (width + 1) >> 1, ch = (rows + 1) >> 1;
        bool oddWidth = (width & 1) != 0;

        // The full-resolution samples split into even and odd columns once, so every pass below is
        // element-wise over chroma columns (and vectorizes). A missing last odd column reads as 0.
        Span<float> targets = Rent(ref _targets, 2 * cw * rows);
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<float> source = full.Slice(y * fullStride, width);
            Span<float> even = targets.Slice(2 * y * cw, cw), odd = targets.Slice(((2 * y) + 1) * cw, cw);
            for (int c = 0; c < cw; c++)
            {
                even[c] = source[2 * c];
                odd[c] = (2 * c) + 1 < width ? source[(2 * c) + 1] : 0f;
            }
        }

        // Work rows, each with one slot of padding on either side for the clamped neighbours:
        // vertical: the vertical pass v[c] at [c + 1]; evenResidual e[c] at [c], with o[cw − 1] at [cw];
        // oddResidual o[c] at [c + 1], with e[0] at [0].
        if (_work.Length < 3 * (cw + 2))
        {
            _work = new float[3 * (cw + 2)];
        }

        Span<float> vertical = _work.AsSpan(0, cw + 2);
        Span<float> evenResidual = _work.AsSpan(cw + 2, cw + 2);
        Span<float> oddResidual = _work.AsSpan(2 * (cw + 2), cw + 2);
        Span<float> gradient = Rent(ref _gradient, cw * ch);
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            gradient.Clear();
            for (int y = 0; y < rows; y++)
            {
                int cy = y >> 1;
                int other = (y & 1) != 0 ? Math.Min(cy + 1, ch - 1) : Math.Max(cy - 1, 0);

                // Vertical pass of the upsampler for this full-resolution row (¾ nearer chroma row, ¼ the other).
                ChromaRefineKernels.Blend(chroma.Slice(cy * chromaStride, cw), chroma.Slice(other * chromaStride, cw), 0.75f, 0.25f, vertical.Slice(1, cw));
                vertical[0] = vertical[1];
                vertical[cw + 1] = vertical[cw];

                // Horizontal pass minus the target: even output 2c uses (¾ v[c], ¼ v[c−1]), odd 2c+1 (¾ v[c], ¼ v[c+1]).
                ChromaRefineKernels.BlendMinus(vertical.Slice(1, cw), vertical[..cw], targets.Slice(2 * y * cw, cw), 0.75f, 0.25f, evenResidual[..cw]);
                ChromaRefineKernels.BlendMinus(vertical.Slice(1, cw), vertical.Slice(2, cw), targets.Slice(((2 * y) + 1) * cw, cw), 0.75f, 0.25f, oddResidual.Slice(1, cw));
                if (oddWidth)
                {
                    oddResidual[cw] = 0f;              // that odd output is outside the image
                }

                // Edges clamp: the left neighbour of column 0 and the right neighbour of column cw − 1 are themselves.
                evenResidual[cw] = oddResidual[cw];
                oddResidual[0] = evenResidual[0];

                // Transposes of both passes: column c gathers ¾ of its own residuals, ¼ of the even residual on
                // its right and ¼ of the odd residual on its left, and hands ¾ to chroma row cy and ¼ to 'other'.
                ChromaRefineKernels.Accumulate(evenResidual[..cw], oddResidual.Slice(1, cw), evenResidual.Slice(1, cw), oddResidual[..cw],
                    gradient.Slice(cy * cw, cw), gradient.Slice(other * cw, cw));
            }

            for (int cy = 0; cy < ch; cy++)
            {
                ChromaRefineKernels.Descend(chroma.Slice(cy * chromaStride, cw), gradient.Slice(cy * cw, cw), Step);
            }
        }

        for (int cy = 0; cy < ch; cy++)
        {
            Span<float> row = chroma.Slice(cy * chromaStride, cw);
            for (int c = 0; c < cw; c++)
            {
                row[c] = Math.Clamp(row[c], 0f, 255f);
            }
        }
    }
}
