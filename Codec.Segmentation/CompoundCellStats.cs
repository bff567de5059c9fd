using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Segmentation;

/// <summary>
/// What the compound detector measures in every 8x8 cell: how many pixels exactly repeat their left or upper
/// neighbour (all channels), how many colours the cell holds (capped), how many pixels sit on a sharp luma step,
/// and the luma range. Rendered text, UI and graphics are exact repeats broken by sharp steps; sensor noise makes
/// exact repeats rare in photographs outside clipped or flat areas, and their edges are soft.
/// </summary>
internal sealed class CompoundCellStats
{
    /// <summary>Colours counted per cell before counting stops (the count then reads <c>ColourCap + 1</c>).</summary>
    public const int ColourCap = 48;

    internal CompoundCellStats(int columns, int rows)
    {
        Columns = columns;
        Rows = rows;
        Repeats = new byte[columns * rows];
        Colours = new byte[columns * rows];
        Steps = new byte[columns * rows];
        Range = new byte[columns * rows];
        StepSpread = new byte[columns * rows];
    }

    public int Columns { get; }

    public int Rows { get; }

    /// <summary>Pixels equal (every byte) to their left or upper neighbour, 0..64.</summary>
    public byte[] Repeats { get; }

    /// <summary>Distinct colours, 1..<see cref="ColourCap"/> + 1.</summary>
    public byte[] Colours { get; }

    /// <summary>Pixels whose luma differs from the left or upper neighbour's by at least the step threshold, 0..64.</summary>
    public byte[] Steps { get; }

    /// <summary>
    /// The fewer of the cell's rows and columns that hold a sharp step, 0..8: glyphs scatter steps over both, a straight
    /// edge (a photograph's frame, a dark border line) keeps them in one or two columns or rows.
    /// </summary>
    public byte[] StepSpread { get; }

    /// <summary>Largest minus smallest luma in the cell.</summary>
    public byte[] Range { get; }

    /// <summary>
    /// The first, cheap pass: which cells could be evidence, that is have at least <paramref name="minRepeats"/>
    /// exact repeats and at least <paramref name="minSteps"/> pixels whose summed channel difference to the left or
    /// upper neighbour reaches <paramref name="stepThreshold"/> (a luma step never exceeds that sum, so no evidence cell
    /// is missed). Photographs have exact repeats in smooth areas but hardly any such step beside them, so they are let
    /// go here, before the full measurement and the luma.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per encode: straight to optimized code, no tier-0 pass over megapixels
    public static bool[] Candidates(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, int minRepeats, int stepThreshold, int minSteps, CancellationToken cancellationToken) =>
        Candidates(pixels, width, height, stride, format, minRepeats, stepThreshold, minSteps, Vector256.IsHardwareAccelerated, cancellationToken);

    /// <summary>As above, on the 256-bit path or the scalar one (tests compare the two: they must give the same cells).</summary>
    internal static bool[] Candidates(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, int minRepeats, int stepThreshold, int minSteps, bool vector, CancellationToken cancellationToken)
    {
        using var counter = new CandidateRows(width, height, format, minRepeats, stepThreshold, minSteps, vector);
        int rowBytes = width * format.BytesPerPixel();
        for (int y = 0; y < height; y++)
        {
            if ((y & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            counter.Add(pixels.Slice(y * stride, rowBytes));
        }

        return counter.Candidates;
    }

    /// <summary>
    /// The candidate pass fed one pixel row at a time, top to bottom (the whole-image pass and the row-by-row first pass
    /// of <see cref="PerceptualSegmenter.SegmentRows"/> share it). It holds two packed rows and one cell row's counters.
    /// </summary>
    internal sealed class CandidateRows : IDisposable
    {
        private readonly int _width, _height, _bpp, _columns, _minRepeats, _stepThreshold, _minSteps;
        private readonly bool _vector;
        private readonly uint _channelMask;
        private readonly byte[] _repeats, _steps;
        private uint[] _current, _previous;
        private int _y;

        public CandidateRows(int width, int height, RsgPixelFormat format, int minRepeats, int stepThreshold, int minSteps, bool vector)
        {
            _width = width;
            _height = height;
            _bpp = format.BytesPerPixel();
            _columns = (width + 7) >> 3;
            _minRepeats = minRepeats;
            _stepThreshold = stepThreshold;
            _minSteps = minSteps;
            _vector = vector;
            _channelMask = _bpp >= 3 ? 0xFFFFFFu : 0xFFu; // the channels a step is measured on (alpha and gray's alpha left out)
            _repeats = new byte[_columns];
            _steps = new byte[_columns];
            Candidates = new bool[_columns * ((height + 7) >> 3)];

            // Each row packed once into one number per pixel, at offset 1 and padded to whole cells (so every cell's
            // left neighbours load as one vector); the previous row's packing is kept for the upper neighbour.
            int padded = 1 + (_columns * 8);
            _current = System.Buffers.ArrayPool<uint>.Shared.Rent(padded);
            _previous = System.Buffers.ArrayPool<uint>.Shared.Rent(padded);
        }

        /// <summary>One flag per 8x8 cell, complete once every row was added.</summary>
        public bool[] Candidates { get; }

        /// <summary>Adds the next row (width × bytes per pixel, packed).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // straight to optimized code, no tier-0 pass over megapixels
        public void Add(ReadOnlySpan<byte> row)
        {
            int y = _y++;
            if ((y & 7) == 0)
            {
                _repeats.AsSpan().Clear();
                _steps.AsSpan().Clear();
            }

            Span<uint> packed = _current.AsSpan(1, _width);
            int start = _bpp == 3 && _vector && System.Runtime.Intrinsics.X86.Ssse3.IsSupported ? PackRgbVector128(row, packed) : 0;
            for (int x = start, i = start * _bpp; x < packed.Length; x++, i += _bpp)
            {
                packed[x] = Pack(row, i, _bpp);
            }

            if (_vector)
            {
                CountCellRowsVector(_current, _previous, y > 0, _width, _columns, _channelMask, _stepThreshold, _repeats, _steps);
            }
            else
            {
                CountCellRowsScalar(_current, _previous, y > 0, _width, _channelMask, _stepThreshold, _repeats, _steps);
            }

            (_current, _previous) = (_previous, _current);
            if ((y & 7) == 7 || y == _height - 1)
            {
                int cellRow = (y >> 3) * _columns;
                for (int c = 0; c < _columns; c++)
                {
                    Candidates[cellRow + c] = _repeats[c] >= _minRepeats && _steps[c] >= _minSteps;
                }
            }
        }

        /// <summary>Packs 3-byte pixels four at a time (one byte shuffle each); returns how many it packed, the rest is the scalar loop's.</summary>
        private static int PackRgbVector128(ReadOnlySpan<byte> row, Span<uint> packed)
        {
            // Pixel k's three bytes into lane k's low bytes, the high byte zero (index 0x80): as Pack(row, i, 3).
            Vector128<byte> spread = Vector128.Create((byte)0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80);
            ref byte source = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(row);
            ref uint target = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(packed);
            int x = 0;
            for (; (x * 3) + 16 <= row.Length && x + 4 <= packed.Length; x += 4)
            {
                Vector128<byte> bytes = Vector128.LoadUnsafe(ref source, (nuint)(x * 3)); // 12 pixel bytes and 4 not used
                System.Runtime.Intrinsics.X86.Ssse3.Shuffle(bytes, spread).AsUInt32().StoreUnsafe(ref target, (nuint)x);
            }

            return x;
        }

        public void Dispose()
        {
            System.Buffers.ArrayPool<uint>.Shared.Return(_current);
            System.Buffers.ArrayPool<uint>.Shared.Return(_previous);
            _current = _previous = [];
        }
    }

    /// <summary>Sum of the absolute differences of the three low bytes (the colour channels, or gray) of two packed pixels.</summary>
    /// <summary>One pixel row's repeats and steps added to each cell's counters, eight pixels (one cell row) per vector.</summary>
    /// <param name="current">The row packed at offset 1, padded to whole cells.</param>
    /// <param name="previous">The row above, packed the same way (ignored when <paramref name="hasAbove"/> is false).</param>
    private static void CountCellRowsVector(uint[] current, uint[] previous, bool hasAbove, int width, int columns, uint channelMask, int stepThreshold, byte[] repeats, byte[] steps)
    {
        var mask = Vector256.Create(channelMask);
        var threshold = Vector256.Create((uint)stepThreshold);
        for (int c = 0; c < columns; c++)
        {
            var pixel = Vector256.Create(current.AsSpan(1 + (c * 8), 8));
            var left = Vector256.Create(current.AsSpan(c * 8, 8));
            Vector256<uint> equalLeft = Vector256.Equals(pixel, left);
            uint repeat = equalLeft.ExtractMostSignificantBits();
            uint step = Vector256.AndNot(StepMask(pixel, left, mask, threshold), equalLeft).ExtractMostSignificantBits();
            if (c == 0)
            {
                // The first pixel of the row has no left neighbour (slot 0 holds nothing).
                repeat &= ~1u;
                step &= ~1u;
            }

            if (hasAbove)
            {
                var above = Vector256.Create(previous.AsSpan(1 + (c * 8), 8));
                Vector256<uint> equalAbove = Vector256.Equals(pixel, above);
                repeat |= equalAbove.ExtractMostSignificantBits();
                step |= Vector256.AndNot(StepMask(pixel, above, mask, threshold), equalAbove).ExtractMostSignificantBits();
            }

            int valid = Math.Min(8, width - (c * 8));
            uint inside = valid == 8 ? 0xFFu : (1u << valid) - 1; // the padding past the image's edge does not count
            repeats[c] += (byte)System.Numerics.BitOperations.PopCount(repeat & inside);
            steps[c] += (byte)System.Numerics.BitOperations.PopCount(step & inside);
        }
    }

    /// <summary>All lanes whose summed channel difference (<see cref="Difference"/>) reaches the threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> StepMask(Vector256<uint> a, Vector256<uint> b, Vector256<uint> mask, Vector256<uint> threshold)
    {
        Vector256<byte> ab = a.AsByte(), bb = b.AsByte();
        Vector256<uint> d = (Vector256.Max(ab, bb) - Vector256.Min(ab, bb)).AsUInt32() & mask;
        var low = Vector256.Create(0xFFu);
        Vector256<uint> sum = (d & low) + (Vector256.ShiftRightLogical(d, 8) & low) + Vector256.ShiftRightLogical(d, 16);
        return Vector256.GreaterThanOrEqual(sum, threshold);
    }

    /// <summary>The same counts as <see cref="CountCellRowsVector"/>, one pixel at a time.</summary>
    private static void CountCellRowsScalar(uint[] current, uint[] previous, bool hasAbove, int width, uint channelMask, int stepThreshold, byte[] repeats, byte[] steps)
    {
        for (int x = 0; x < width; x++)
        {
            uint colour = current[1 + x];
            bool repeat = false, step = false;
            if (x > 0)
            {
                uint left = current[x];
                repeat = colour == left;
                step = !repeat && Difference(colour & channelMask, left & channelMask) >= stepThreshold;
            }

            if (hasAbove)
            {
                uint above = previous[1 + x];
                repeat |= colour == above;
                step |= colour != above && Difference(colour & channelMask, above & channelMask) >= stepThreshold;
            }

            repeats[x >> 3] += repeat ? (byte)1 : (byte)0;
            steps[x >> 3] += step ? (byte)1 : (byte)0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Difference(uint a, uint b) =>
        Math.Abs((int)(a & 0xFF) - (int)(b & 0xFF)) + Math.Abs((int)((a >> 8) & 0xFF) - (int)((b >> 8) & 0xFF)) + Math.Abs((int)((a >> 16) & 0xFF) - (int)((b >> 16) & 0xFF));

    /// <summary>Measures every 8x8 cell of the image (cells at the right and bottom edges may be partial).</summary>
    /// <param name="luma">The image's luma, <paramref name="width"/> bytes per row (<see cref="RsgLuma.Extract"/>).</param>
    /// <param name="stepThreshold">Luma difference between neighbours that counts as a sharp step.</param>
    /// <param name="cells">Which cells to measure (the others read 0); null for all.</param>
    public static CompoundCellStats Measure(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, ReadOnlySpan<byte> luma, int stepThreshold, bool[]? cells, CancellationToken cancellationToken)
    {
        int columns = (width + 7) >> 3, rows = (height + 7) >> 3;
        var stats = new CompoundCellStats(columns, rows);
        stats.MeasureCells(pixels, width, height, stride, format, luma, stepThreshold, cells, cancellationToken);
        return stats;
    }

    /// <summary>Measures the cells set in <paramref name="cells"/> (all when null) into this object.</summary>
    public void MeasureCells(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, ReadOnlySpan<byte> luma, int stepThreshold, bool[]? cells, CancellationToken cancellationToken) =>
        MeasureCells(pixels, width, height, stride, format, luma, stepThreshold, cells, 0, 0, Rows, cancellationToken);

    /// <summary>
    /// As above for cell rows <paramref name="firstCellRow"/> … + <paramref name="cellRowCount"/> − 1 only, from pixels and
    /// luma that start at image row <paramref name="top"/> (they must hold the row above the first cell row, when there is
    /// one, through the last cell row's last row): the row-by-row detection measures one band at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MeasureCells(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, ReadOnlySpan<byte> luma, int stepThreshold, bool[]? cells,
        int top, int firstCellRow, int cellRowCount, CancellationToken cancellationToken)
    {
        int columns = Columns;
        CompoundCellStats stats = this;
        int bpp = format.BytesPerPixel();
        Span<uint> colours = stackalloc uint[ColourCap];
        for (int cy = firstCellRow; cy < firstCellRow + cellRowCount; cy++)
        {
            if ((cy & 15) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int y0 = cy * 8, y1 = Math.Min(height, y0 + 8);
            for (int cx = 0; cx < columns; cx++)
            {
                if (cells is not null && !cells[(cy * columns) + cx])
                {
                    continue;
                }

                int x0 = cx * 8, x1 = Math.Min(width, x0 + 8);
                int repeats = 0, steps = 0, count = 0, min = 255, max = 0;
                uint stepRows = 0, stepColumns = 0;
                bool capped = false;
                for (int y = y0; y < y1; y++)
                {
                    int row = (y - top) * stride, lumaRow = (y - top) * width;
                    for (int x = x0; x < x1; x++)
                    {
                        int i = row + (x * bpp);
                        uint colour = Pack(pixels, i, bpp);
                        int v = luma[lumaRow + x];
                        min = Math.Min(min, v);
                        max = Math.Max(max, v);
                        bool repeat = false, step = false;
                        if (x > 0)
                        {
                            repeat = colour == Pack(pixels, i - bpp, bpp);
                            step = Math.Abs(v - luma[lumaRow + x - 1]) >= stepThreshold;
                        }

                        if (y > 0)
                        {
                            repeat |= colour == Pack(pixels, i - stride, bpp);
                            step |= Math.Abs(v - luma[lumaRow - width + x]) >= stepThreshold;
                        }

                        repeats += repeat ? 1 : 0;
                        if (step)
                        {
                            steps++;
                            stepRows |= 1u << (y - y0);
                            stepColumns |= 1u << (x - x0);
                        }

                        if (!capped && colours[..count].IndexOf(colour) < 0)
                        {
                            if (count == ColourCap)
                            {
                                capped = true;
                            }
                            else
                            {
                                colours[count++] = colour;
                            }
                        }
                    }
                }

                int c = (cy * columns) + cx;
                stats.Repeats[c] = (byte)repeats;
                stats.Steps[c] = (byte)steps;
                stats.Colours[c] = (byte)(capped ? ColourCap + 1 : count);
                stats.Range[c] = (byte)(max - min);
                stats.StepSpread[c] = (byte)Math.Min(System.Numerics.BitOperations.PopCount(stepRows), System.Numerics.BitOperations.PopCount(stepColumns));
            }
        }
    }

    /// <summary>The pixel's bytes as one number (alpha included), so equal pixels give equal numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Pack(ReadOnlySpan<byte> pixels, int i, int bpp) => bpp switch
    {
        1 => pixels[i],
        2 => (uint)(pixels[i] | (pixels[i + 1] << 8)),
        3 => (uint)(pixels[i] | (pixels[i + 1] << 8) | (pixels[i + 2] << 16)),
        _ => (uint)(pixels[i] | (pixels[i + 1] << 8) | (pixels[i + 2] << 16) | (pixels[i + 3] << 24)),
    };
}
