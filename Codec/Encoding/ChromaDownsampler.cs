namespace RegionCodec.Encoding;

/// <summary>
/// Encoder-side 4:2:0 downsampling matched to the decoder's upsampler: starts from the 2x2 box average
/// and refines it by a few gradient steps on ||Upsample(c) - full||², so the chroma the decoder
/// reconstructs is closer to the original than a box filter gives. Not normative.
/// </summary>
internal sealed class ChromaDownsampler
{
    private const int Iterations = 4;
    private const float Step = 0.25f;

    private float[] _residual = [];
    private float[] _vertical = [];

    /// <summary>
    /// <paramref name="full"/>: full-resolution plane (stride <paramref name="fullStride"/>) with
    /// <paramref name="width"/> x <paramref name="rows"/> valid samples. <paramref name="chroma"/>:
    /// half-resolution plane (stride <paramref name="chromaStride"/>), already holding the box average; refined in place.
    /// </summary>
    public void Refine(ReadOnlySpan<float> full, int fullStride, int width, int rows, Span<float> chroma, int chromaStride)
    {
        int cw = (width + 1) >> 1, ch = (rows + 1) >> 1;
        if (_residual.Length < width * rows)
        {
            _residual = new float[width * rows];
        }

        if (_vertical.Length < cw * rows)
        {
            _vertical = new float[cw * rows];
        }

        Span<float> residual = _residual.AsSpan(0, width * rows);
        Span<float> vertical = _vertical.AsSpan(0, cw * rows);
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            // Forward: residual = Upsample(chroma) - full, with the decoder's clamped neighbours.
            for (int y = 0; y < rows; y++)
            {
                int cy = y >> 1;
                int other = (y & 1) != 0 ? Math.Min(cy + 1, ch - 1) : Math.Max(cy - 1, 0);
                for (int cx = 0; cx < cw; cx++)
                {
                    vertical[(y * cw) + cx] = (0.75f * chroma[(cy * chromaStride) + cx]) + (0.25f * chroma[(other * chromaStride) + cx]);
                }

                for (int x = 0; x < width; x++)
                {
                    int cx = x >> 1;
                    int neighbour = (x & 1) != 0 ? Math.Min(cx + 1, cw - 1) : Math.Max(cx - 1, 0);
                    float up = (0.75f * vertical[(y * cw) + cx]) + (0.25f * vertical[(y * cw) + neighbour]);
                    residual[(y * width) + x] = up - full[(y * fullStride) + x];
                }
            }

            // Adjoint: spread each residual back onto the chroma samples that produced it, then step.
            vertical.Clear();
            for (int y = 0; y < rows; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int cx = x >> 1;
                    int neighbour = (x & 1) != 0 ? Math.Min(cx + 1, cw - 1) : Math.Max(cx - 1, 0);
                    float r = residual[(y * width) + x];
                    vertical[(y * cw) + cx] += 0.75f * r;
                    vertical[(y * cw) + neighbour] += 0.25f * r;
                }
            }

            for (int y = 0; y < rows; y++)
            {
                int cy = y >> 1;
                int other = (y & 1) != 0 ? Math.Min(cy + 1, ch - 1) : Math.Max(cy - 1, 0);
                for (int cx = 0; cx < cw; cx++)
                {
                    float g = vertical[(y * cw) + cx];
                    chroma[(cy * chromaStride) + cx] -= Step * 0.75f * g;
                    chroma[(other * chromaStride) + cx] -= Step * 0.25f * g;
                }
            }
        }

        for (int cy = 0; cy < ch; cy++)
        {
            Span<float> row = chroma.Slice(cy * chromaStride, cw);
            for (int cx = 0; cx < cw; cx++)
            {
                row[cx] = Math.Clamp(row[cx], 0f, 255f);
            }
        }
    }
}
