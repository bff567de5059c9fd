namespace RegionCodec.Segmentation;

/// <summary>
/// Finds the synthetic parts of an image (text, UI, graphics, flat fills with sharp edges) as opposed to photographic
/// ones, on 8x8 cells, managed and deterministic. A cell is evidence of synthetic content when many of its pixels
/// exactly repeat a neighbour, it holds few colours and it has sharp luma steps (<see cref="CompoundCellStats"/>).
/// Evidence is then cleaned into regions: isolated evidence cells are dropped, evidence clusters too small to be a
/// line of text or a widget are dropped, what is left grows by <see cref="GrowCells"/> (so anti-aliased edges and
/// the flat background right next to the strokes are inside) and small enclosed holes are filled.
/// </summary>
/// <remarks>
/// Tuned on the four screenshots of the development set, five pages rendered by Chromium (documentation with code, a
/// dashboard, a chat UI, a terminal, a newspaper page with two Kodak photographs), scikit-image text and page, and on
/// Kodak, CLIC and the scikit-image photographs, where no cell may be flagged.
/// </remarks>
public sealed class CompoundDetector
{
    /// <summary>Luma difference between neighbouring pixels that counts as a sharp step.</summary>
    public int StepThreshold { get; init; } = 64;

    /// <summary>Fewest pixels of the 64 that must exactly repeat their left or upper neighbour.</summary>
    public int MinRepeats { get; init; } = 24;

    /// <summary>Fewest pixels on a sharp step.</summary>
    public int MinSteps { get; init; } = 2;

    /// <summary>Most distinct colours in an evidence cell (at most <see cref="CompoundCellStats.ColourCap"/>).</summary>
    public int MaxColours { get; init; } = 16;

    /// <summary>
    /// Most colours in an evidence cell with many sharp steps (<see cref="RichMinSteps"/>): large anti-aliased or
    /// sub-pixel rendered glyphs blend many colours, but photographs with that many colours rarely have that many steps.
    /// </summary>
    public int RichMaxColours { get; init; } = 48;

    /// <summary>Fewest pixels on a sharp step in a cell of more than <see cref="MaxColours"/> colours.</summary>
    public int RichMinSteps { get; init; } = 12;

    /// <summary>Fewest rows and columns (<see cref="CompoundCellStats.StepSpread"/>) the steps of such a cell must cover.</summary>
    public int RichMinSpread { get; init; } = 4;

    /// <summary>Fewest evidence cells among the 8 neighbours for an evidence cell to stay (isolated ones are noise).</summary>
    public int MinNeighbours { get; init; } = 2;

    /// <summary>Fewest evidence cells in a connected cluster (8-connected, after growing) for it to become a region.</summary>
    public int MinClusterCells { get; init; } = 12;

    /// <summary>
    /// Fewest columns and rows the evidence of a cluster must span: a one-cell-wide line of evidence is a straight edge
    /// (a photograph's frame), while even one line of small text spans two cell rows.
    /// </summary>
    public int MinClusterExtent { get; init; } = 2;

    /// <summary>How many cells the kept clusters grow by in every direction.</summary>
    public int GrowCells { get; init; } = 1;

    /// <summary>
    /// A cell with more than <see cref="CompoundCellStats.ColourCap"/> colours and fewer exact repeats than this is
    /// photographic: regions neither grow nor fill into it.
    /// </summary>
    public int PhotographicRepeats { get; init; } = 16;

    /// <summary>Largest enclosed hole (4-connected cells not reaching the border) that is filled.</summary>
    public int MaxHoleCells { get; init; } = 64;

    /// <summary>Classifies the 8x8 cells of interleaved 8-bit pixels (row r at <c>r * stride</c>).</summary>
    public CompoundMap Detect(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, CancellationToken cancellationToken = default)
    {
        return Detect(pixels, width, height, stride, format, null, cancellationToken);
    }

    /// <summary>As the public overload, with the luma the caller already has (<see cref="RsgLuma.Extract"/>), or null to extract it when needed.</summary>
    internal CompoundMap Detect(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, byte[]? luma, CancellationToken cancellationToken)
    {
        Validate();
        RsgLuma.Validate(pixels, width, height, stride, format);
        int cw = (width + 7) >> 3, ch = (height + 7) >> 3;

        // Early exit: evidence needs exact repeats next to sharp steps, which photographs rarely have in a cell. The
        // clean-up only keeps less from fewer cells, so if the candidates (a superset of the evidence) leave no region,
        // the evidence leaves none either, and the full measurement is skipped.
        bool[] candidates = CompoundCellStats.Candidates(pixels, width, height, stride, format, MinRepeats, StepThreshold, Math.Min(MinSteps, RichMinSteps), cancellationToken);
        if (CandidatesLeaveNothing(candidates, cw, ch))
        {
            return new CompoundMap(cw, ch, new bool[cw * ch]);
        }

        luma ??= RsgLuma.Extract(pixels, width, height, stride, format);
        // Only candidate cells can be evidence: the colour counts, the slow part, are taken there first.
        CompoundCellStats stats = CompoundCellStats.Measure(pixels, width, height, stride, format, luma, StepThreshold, candidates, cancellationToken);
        bool[] regions = RegionsFromEvidence(Evidence(candidates, stats), candidates, cw, ch, out bool[] rest, cancellationToken);
        stats.MeasureCells(pixels, width, height, stride, format, luma, StepThreshold, rest, cancellationToken);
        DropPhotographic(regions, stats);
        return new CompoundMap(cw, ch, regions);
    }

    /// <summary>
    /// The rest of <see cref="Detect(ReadOnlySpan{byte}, int, int, int, RsgPixelFormat, CancellationToken)"/> after the
    /// candidate pass, for an image read as rows: at most two more passes over the rows (each from <paramref name="openRows"/>,
    /// top to bottom), measuring only the candidate cells, then the region's other cells. The same map as the whole-image detection.
    /// </summary>
    internal CompoundMap DetectRows(Func<IRsgRowSource> openRows, int width, int height, RsgPixelFormat format, bool[] candidates, CancellationToken cancellationToken)
    {
        Validate();
        int cw = (width + 7) >> 3, ch = (height + 7) >> 3;
        if (CandidatesLeaveNothing(candidates, cw, ch))
        {
            return new CompoundMap(cw, ch, new bool[cw * ch]);
        }

        var stats = new CompoundCellStats(cw, ch);
        CompoundCellRows.Measure(openRows(), width, height, format, StepThreshold, candidates, stats, cancellationToken);
        bool[] regions = RegionsFromEvidence(Evidence(candidates, stats), candidates, cw, ch, out bool[] rest, cancellationToken);
        if (Array.Exists(rest, c => c))
        {
            CompoundCellRows.Measure(openRows(), width, height, format, StepThreshold, rest, stats, cancellationToken);
        }

        DropPhotographic(regions, stats);
        return new CompoundMap(cw, ch, regions);
    }

    /// <summary>Candidate cells whose measurements are evidence of synthetic content.</summary>
    private bool[] Evidence(bool[] candidates, CompoundCellStats stats)
    {
        var evidence = new bool[candidates.Length];
        for (int c = 0; c < evidence.Length; c++)
        {
            evidence[c] = candidates[c] && stats.Repeats[c] >= MinRepeats
                && ((stats.Colours[c] <= MaxColours && stats.Steps[c] >= MinSteps) || (stats.Colours[c] <= RichMaxColours && stats.Steps[c] >= RichMinSteps && stats.StepSpread[c] >= RichMinSpread));
        }

        return evidence;
    }

    /// <summary>The cleaned, hole-filled regions; <paramref name="rest"/> gets their cells that were not candidates (still to be measured).</summary>
    private bool[] RegionsFromEvidence(bool[] evidence, bool[] candidates, int cw, int ch, out bool[] rest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool[] regions = Clean(evidence, cw, ch);
        CellMaskMorphology.FillHoles(regions, cw, ch, MaxHoleCells);

        // Growing and filling stop at photographs (a photo cell coded losslessly costs many bits and gains nothing):
        // the region's cells that were not candidates are measured next.
        rest = new bool[cw * ch];
        for (int c = 0; c < rest.Length; c++)
        {
            rest[c] = regions[c] && !candidates[c];
        }

        return regions;
    }

    /// <summary>Removes the region's cells that measure as photograph (many colours, few exact repeats).</summary>
    private void DropPhotographic(bool[] regions, CompoundCellStats stats)
    {
        for (int c = 0; c < regions.Length; c++)
        {
            regions[c] &= !(stats.Colours[c] > CompoundCellStats.ColourCap && stats.Repeats[c] < PhotographicRepeats);
        }
    }

    /// <summary>The candidate pass fed row by row (<see cref="PerceptualRowPass"/>), with this detector's thresholds.</summary>
    internal CompoundCellStats.CandidateRows CandidateRows(int width, int height, RsgPixelFormat format)
    {
        Validate();
        return new CompoundCellStats.CandidateRows(width, height, format, MinRepeats, StepThreshold, Math.Min(MinSteps, RichMinSteps), System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated);
    }

    /// <summary>
    /// True when <see cref="Detect(ReadOnlySpan{byte}, int, int, int, RsgPixelFormat, CancellationToken)"/> would find no
    /// region given these candidate cells (its early exit), so the image needs no second look.
    /// </summary>
    internal bool CandidatesLeaveNothing(bool[] candidates, int cw, int ch) => !Array.Exists(Clean(candidates, cw, ch), c => c);

    /// <summary>Isolated cells dropped, clusters grown and kept when large enough (monotone: fewer cells in, fewer out).</summary>
    private bool[] Clean(bool[] evidence, int cw, int ch)
    {
        bool[] kept = CellMaskMorphology.DropIsolated(evidence, cw, ch, MinNeighbours);
        bool[] grown = CellMaskMorphology.Grow(kept, cw, ch, GrowCells);
        return CellMaskMorphology.KeepClusters(grown, kept, cw, ch, MinClusterCells, MinClusterExtent);
    }

    private void Validate()
    {
        if (StepThreshold is < 1 or > 255 || MinRepeats is < 0 or > 64 || MinSteps is < 0 or > 64 || MaxColours is < 1 or > CompoundCellStats.ColourCap || RichMaxColours is < 1 or > CompoundCellStats.ColourCap || RichMinSteps is < 0 or > 64 || RichMinSpread is < 0 or > 8
            || PhotographicRepeats is < 0 or > 64 || MinNeighbours is < 0 or > 8 || MinClusterCells < 1 || MinClusterExtent < 1 || GrowCells < 0 || MaxHoleCells < 0)
        {
            throw new InvalidOperationException($"CompoundDetector needs StepThreshold 1..255, MinRepeats and MinSteps 0..64, MaxColours and RichMaxColours 1..{CompoundCellStats.ColourCap}, RichMinSteps 0..64, RichMinSpread 0..8, PhotographicRepeats 0..64, MinNeighbours 0..8, MinClusterCells and MinClusterExtent >= 1, GrowCells and MaxHoleCells >= 0.");
        }
    }
}
