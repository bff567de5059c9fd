namespace RegionCodec.Segmentation;

/// <summary>Clean-up of a boolean grid of cells (row-major, <c>width</c> per row): the compound detector's region shaping.</summary>
internal static class CellMaskMorphology
{
    /// <summary>The set cells that have at least <paramref name="minNeighbours"/> set cells among their 8 neighbours.</summary>
    public static bool[] DropIsolated(bool[] mask, int width, int height, int minNeighbours)
    {
        var kept = new bool[mask.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (!mask[(y * width) + x])
                {
                    continue;
                }

                int neighbours = 0;
                for (int ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
                {
                    for (int nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
                    {
                        neighbours += mask[(ny * width) + nx] ? 1 : 0;
                    }
                }

                kept[(y * width) + x] = neighbours - 1 >= minNeighbours;
            }
        }

        return kept;
    }

    /// <summary>Dilation by a (2r+1) x (2r+1) square, done as a row pass and a column pass.</summary>
    public static bool[] Grow(bool[] mask, int width, int height, int radius)
    {
        if (radius == 0)
        {
            return (bool[])mask.Clone();
        }

        var rows = new bool[mask.Length];
        for (int y = 0; y < height; y++)
        {
            int last = -1 - radius; // last set cell seen on this row, looking ahead by radius
            for (int x = -radius; x < width; x++)
            {
                int ahead = x + radius;
                if (ahead < width && mask[(y * width) + ahead])
                {
                    last = ahead;
                }

                if (x >= 0)
                {
                    rows[(y * width) + x] = last >= x - radius;
                }
            }
        }

        var grown = new bool[mask.Length];
        for (int x = 0; x < width; x++)
        {
            int last = -1 - radius;
            for (int y = -radius; y < height; y++)
            {
                int ahead = y + radius;
                if (ahead < height && rows[(ahead * width) + x])
                {
                    last = ahead;
                }

                if (y >= 0)
                {
                    grown[(y * width) + x] = last >= y - radius;
                }
            }
        }

        return grown;
    }

    /// <summary>
    /// The 8-connected clusters of <paramref name="mask"/> that contain at least <paramref name="minSeeds"/> cells set in
    /// <paramref name="seeds"/>, spread over at least <paramref name="minExtent"/> columns and as many rows; other
    /// clusters are cleared.
    /// </summary>
    public static bool[] KeepClusters(bool[] mask, bool[] seeds, int width, int height, int minSeeds, int minExtent)
    {
        var result = new bool[mask.Length];
        var visited = new bool[mask.Length];
        var queue = new int[mask.Length];
        for (int start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || visited[start])
            {
                continue;
            }

            int head = 0, tail = 0, seedCount = 0;
            int left = width, right = -1, top = height, bottom = -1;
            queue[tail++] = start;
            visited[start] = true;
            while (head < tail)
            {
                int c = queue[head++];
                int cx = c % width, cy = c / width;
                if (seeds[c])
                {
                    seedCount++;
                    (left, right, top, bottom) = (Math.Min(left, cx), Math.Max(right, cx), Math.Min(top, cy), Math.Max(bottom, cy));
                }

                for (int ny = Math.Max(0, cy - 1); ny <= Math.Min(height - 1, cy + 1); ny++)
                {
                    for (int nx = Math.Max(0, cx - 1); nx <= Math.Min(width - 1, cx + 1); nx++)
                    {
                        int n = (ny * width) + nx;
                        if (mask[n] && !visited[n])
                        {
                            visited[n] = true;
                            queue[tail++] = n;
                        }
                    }
                }
            }

            if (seedCount >= minSeeds && right - left + 1 >= minExtent && bottom - top + 1 >= minExtent)
            {
                for (int i = 0; i < tail; i++)
                {
                    result[queue[i]] = true;
                }
            }
        }

        return result;
    }

    /// <summary>Sets, in place, every 4-connected group of clear cells that does not reach the border and has at most <paramref name="maxCells"/> cells.</summary>
    public static void FillHoles(bool[] mask, int width, int height, int maxCells)
    {
        if (maxCells == 0)
        {
            return;
        }

        var visited = new bool[mask.Length];
        var queue = new int[mask.Length];
        for (int start = 0; start < mask.Length; start++)
        {
            if (mask[start] || visited[start])
            {
                continue;
            }

            int head = 0, tail = 0;
            bool border = false;
            queue[tail++] = start;
            visited[start] = true;
            while (head < tail)
            {
                int c = queue[head++];
                int cx = c % width, cy = c / width;
                border |= cx == 0 || cy == 0 || cx == width - 1 || cy == height - 1;
                Visit(cx > 0, c - 1);
                Visit(cx < width - 1, c + 1);
                Visit(cy > 0, c - width);
                Visit(cy < height - 1, c + width);
            }

            if (!border && tail <= maxCells)
            {
                for (int i = 0; i < tail; i++)
                {
                    mask[queue[i]] = true;
                }
            }

            void Visit(bool inside, int n)
            {
                if (inside && !mask[n] && !visited[n])
                {
                    visited[n] = true;
                    queue[tail++] = n;
                }
            }
        }
    }
}
