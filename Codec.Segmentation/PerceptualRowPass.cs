namespace RegionCodec.Segmentation;

/// <summary>
/// What <see cref="PerceptualSegmenter"/> measures, taken from rows as they come (top to bottom, once), so a huge
/// image is segmented without being held: the masking field's gradient sums and stroke counts, which stroke blocks are
/// two-level, and the compound detector's candidate cells. It holds three luma rows, one block row of luma and the
/// candidate pass's two packed rows; its results equal the whole-image measurements exactly (the same row code).
/// </summary>
internal sealed class PerceptualRowPass : IDisposable
{
    private readonly int _width, _height, _blockColumns, _strokeMin;
    private readonly RsgPixelFormat _format;
    private readonly int _strokeGradient;
    private readonly double _twoLevelShare;
    private readonly bool _masking;
    private readonly CompoundCellStats.CandidateRows? _candidates;
    private readonly byte[] _band;
    private readonly ushort[] _gradients;
    private byte[] _twoRowsUp, _rowAbove, _newest;
    private int _rows;

    /// <param name="masking">Measure the masking field (false: only the candidates, for the one-region qualities).</param>
    /// <param name="strokeMin">Stroke pixels from which a block is tested for two levels (the segmenter only asks about those).</param>
    /// <param name="graphics">The compound detector whose candidate cells to find, or null for none.</param>
    public PerceptualRowPass(int width, int height, RsgPixelFormat format, bool masking, int strokeGradient, int strokeMin, double twoLevelShare, CompoundDetector? graphics)
    {
        _width = width;
        _height = height;
        _format = format;
        _masking = masking;
        _strokeGradient = strokeGradient;
        _strokeMin = strokeMin;
        _twoLevelShare = twoLevelShare;
        _blockColumns = (width + 7) >> 3;
        int blocks = _blockColumns * ((height + 7) >> 3);
        QuarterSums = masking ? new int[blocks * 4] : [];
        StrokePixels = masking ? new byte[blocks] : [];
        TwoLevel = masking ? new bool[blocks] : [];
        _band = masking ? new byte[8 * width] : [];
        _gradients = masking ? new ushort[width] : [];
        _twoRowsUp = masking ? new byte[width] : [];
        _rowAbove = masking ? new byte[width] : [];
        _newest = masking ? new byte[width] : [];
        _candidates = graphics?.CandidateRows(width, height, format);
    }

    /// <summary>Gradient sums per 4x4 quarter (as <see cref="MaskingField.FromQuarterSums"/> takes them).</summary>
    public int[] QuarterSums { get; }

    /// <summary>Pixels per 8x8 block whose gradient reaches the stroke level.</summary>
    public byte[] StrokePixels { get; }

    /// <summary>Per block with at least strokeMin stroke pixels: whether it is two-level (<see cref="TwoLevelBlock"/>); false for the others.</summary>
    public bool[] TwoLevel { get; }

    /// <summary>The compound detector's candidate cells, or null when no detector was given.</summary>
    public bool[]? Candidates => _candidates?.Candidates;

    /// <summary>Adds the next packed row (width × bytes per pixel of the format).</summary>
    public void Add(ReadOnlySpan<byte> row)
    {
        _candidates?.Add(row);
        if (_masking)
        {
            (_twoRowsUp, _rowAbove, _newest) = (_rowAbove, _newest, _twoRowsUp);
            RsgLuma.ExtractRow(row, _format, _newest);
            if (_rows >= 1)
            {
                // The row above the new one now has both neighbours (the image's first row is its own upper one).
                MeasureRow(_rows - 1, _rows >= 2 ? _twoRowsUp : _rowAbove, _rowAbove, _newest);
            }
        }

        _rows++;
    }

    /// <summary>Measures the last row (its own lower neighbour); call once after the last <see cref="Add"/>.</summary>
    public void Finish()
    {
        if (_rows != _height)
        {
            throw new InvalidOperationException($"The pass got {_rows} of {_height} rows.");
        }

        if (_masking)
        {
            MeasureRow(_height - 1, _height >= 2 ? _rowAbove : _newest, _newest, _newest);
        }
    }

    private void MeasureRow(int y, byte[] up, byte[] row, byte[] down)
    {
        GradientRow.Compute(up, row, down, _gradients);
        int qw = _blockColumns * 2;
        MaskingField.AccumulateRow(_gradients, _width, QuarterSums.AsSpan((y >> 2) * qw, qw), StrokePixels.AsSpan((y >> 3) * _blockColumns, _blockColumns), _strokeGradient);
        row.CopyTo(_band.AsSpan((y & 7) * _width));
        if ((y & 7) == 7 || y == _height - 1)
        {
            // The block row is complete: its stroke counts are final and its luma is in the band.
            int blockRow = y >> 3;
            ReadOnlySpan<byte> band = _band.AsSpan(0, ((y & 7) + 1) * _width);
            for (int bx = 0; bx < _blockColumns; bx++)
            {
                int i = (blockRow * _blockColumns) + bx;
                TwoLevel[i] = StrokePixels[i] >= _strokeMin && TwoLevelBlock.Test(band, _width, bx, _twoLevelShare);
            }
        }
    }

    public void Dispose() => _candidates?.Dispose();
}
