using System.Buffers;

namespace RegionCodec.Encoding;

/// <summary>
/// Turns a strip of interleaved input pixels into MCU-aligned float planes (Y, or Y Cb Cr), padding by
/// edge replication and averaging chroma 2x2 for 4:2:0. Two steps: <see cref="Sample"/> reads the caller's
/// pixels (serially, on the caller's thread); <see cref="RefineChroma"/> (4:2:0 only, the costlier part) works on
/// this sampler's own copies, so it runs with the strip's coding on a worker thread. Encoder-only; not normative.
/// </summary>
internal sealed class PlaneSampler : IDisposable
{
    private readonly FrameHeader _header;
    private readonly RsgPixelFormat _format;
    private readonly float[] _rowY, _rowCb, _rowCr;
    private readonly byte[] _rgbRow;
    private readonly ChromaDownsampler _downsampler = new();
    private float[] _fullCb = [], _fullCr = [];
    private int _refineRows;

    public PlaneSampler(FrameHeader header, RsgPixelFormat format)
    {
        _header = header;
        _format = format;
        int paddedWidth = header.McuCols * header.McuSize;
        _rowY = new float[paddedWidth];
        _rowCb = new float[paddedWidth];
        _rowCr = new float[paddedWidth];
        _rgbRow = new byte[header.Width * 3];
        PaddedWidth = paddedWidth;
    }

    public int PaddedWidth { get; }

    /// <summary>Returns the pooled full-resolution chroma planes and the downsampler's scratch.</summary>
    public void Dispose()
    {
        ReturnFullChroma();
        _downsampler.Dispose();
    }

    private void ReturnFullChroma()
    {
        if (_fullCb.Length > 0)
        {
            ArrayPool<float>.Shared.Return(_fullCb);
            ArrayPool<float>.Shared.Return(_fullCr);
        }

        _fullCb = [];
        _fullCr = [];
    }

    /// <summary>
    /// Fills <paramref name="planes"/> (stride = plane width) for the strip starting at image row
    /// <paramref name="top"/> with <paramref name="paddedRows"/> luma rows; for 4:2:0 the chroma planes
    /// hold the box average until <see cref="RefineChroma"/> is called.
    /// </summary>
    public void Sample(PixelRows pixels, int top, int paddedRows, float[][] planes)
    {
        int width = _header.Width;
        bool color = planes.Length == 3;
        bool subsampled = _header.IsSubsampled;
        int chromaWidth = subsampled ? PaddedWidth / 2 : PaddedWidth;
        if (subsampled)
        {
            planes[1].AsSpan(0, chromaWidth * (paddedRows / 2)).Clear();
            planes[2].AsSpan(0, chromaWidth * (paddedRows / 2)).Clear();
            if (_fullCb.Length < PaddedWidth * paddedRows)
            {
                ReturnFullChroma();
                _fullCb = ArrayPool<float>.Shared.Rent(PaddedWidth * paddedRows);
                _fullCr = ArrayPool<float>.Shared.Rent(PaddedWidth * paddedRows);
            }
        }

        for (int y = 0; y < paddedRows; y++)
        {
            int sourceRow = Math.Min(top + y, _header.Height - 1);
            ReadOnlySpan<byte> row = pixels.Row(sourceRow, width * _format.BytesPerPixel());
            ConvertRow(row);
            float last = _rowY[width - 1];
            _rowY.AsSpan(width).Fill(last);
            _rowY.AsSpan(0, PaddedWidth).CopyTo(planes[0].AsSpan(y * PaddedWidth, PaddedWidth));
            if (!color)
            {
                continue;
            }

            _rowCb.AsSpan(width).Fill(_rowCb[width - 1]);
            _rowCr.AsSpan(width).Fill(_rowCr[width - 1]);
            if (!subsampled)
            {
                _rowCb.AsSpan(0, PaddedWidth).CopyTo(planes[1].AsSpan(y * PaddedWidth, PaddedWidth));
                _rowCr.AsSpan(0, PaddedWidth).CopyTo(planes[2].AsSpan(y * PaddedWidth, PaddedWidth));
                continue;
            }

            _rowCb.AsSpan(0, PaddedWidth).CopyTo(_fullCb.AsSpan(y * PaddedWidth));
            _rowCr.AsSpan(0, PaddedWidth).CopyTo(_fullCr.AsSpan(y * PaddedWidth));
            Span<float> cb = planes[1].AsSpan((y >> 1) * chromaWidth, chromaWidth);
            Span<float> cr = planes[2].AsSpan((y >> 1) * chromaWidth, chromaWidth);
            for (int x = 0; x < chromaWidth; x++)
            {
                cb[x] += 0.25f * (_rowCb[2 * x] + _rowCb[(2 * x) + 1]);
                cr[x] += 0.25f * (_rowCr[2 * x] + _rowCr[(2 * x) + 1]);
            }
        }

        _refineRows = subsampled && color ? Math.Min(paddedRows, _header.Height - top) : 0;
    }

    /// <summary>
    /// Finishes 4:2:0 chroma of the strip last sampled into <paramref name="planes"/>: refines the box
    /// average against the full-resolution chroma kept by <see cref="Sample"/>. Does nothing otherwise.
    /// </summary>
    public void RefineChroma(float[][] planes)
    {
        if (_refineRows == 0)
        {
            return;
        }

        int chromaWidth = PaddedWidth / 2;
        _downsampler.Refine(_fullCb, PaddedWidth, _header.Width, _refineRows, planes[1], chromaWidth);
        _downsampler.Refine(_fullCr, PaddedWidth, _header.Width, _refineRows, planes[2], chromaWidth);
        _refineRows = 0;
    }

    private void ConvertRow(ReadOnlySpan<byte> row)
    {
        int width = _header.Width;
        ReadOnlySpan<byte> rgb;
        switch (_format)
        {
            case RsgPixelFormat.Gray8 or RsgPixelFormat.GrayAlpha16:
                int step = _format.BytesPerPixel();
                for (int x = 0; x < width; x++)
                {
                    _rowY[x] = row[x * step];
                }

                _rowCb.AsSpan(0, width).Fill(128);
                _rowCr.AsSpan(0, width).Fill(128);
                return;
            case RsgPixelFormat.Rgb24:
                rgb = row;
                break;
            default:
                // Reorder BGR(A) / RGBA to packed RGB; alpha is dropped.
                int bpp = _format.BytesPerPixel();
                bool bgr = _format is RsgPixelFormat.Bgr24 or RsgPixelFormat.Bgra32;
                for (int x = 0; x < width; x++)
                {
                    int s = x * bpp;
                    _rgbRow[(3 * x) + 0] = row[s + (bgr ? 2 : 0)];
                    _rgbRow[(3 * x) + 1] = row[s + 1];
                    _rgbRow[(3 * x) + 2] = row[s + (bgr ? 0 : 2)];
                }

                rgb = _rgbRow;
                break;
        }

        RgbToYCbCr.Convert(rgb, _rowY.AsSpan(0, width), _rowCb.AsSpan(0, width), _rowCr.AsSpan(0, width));
    }
}
