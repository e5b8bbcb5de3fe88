// "Did you mean": the closest command paths by edit distance, so a typo gets an answer.

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

export function closestNames(input: string, names: string[], limit = 3): string[] {
  const words = input.trim().split(/\s+/);
  return names
    .map((name) => {
      const prefix = words.slice(0, name.split(" ").length).join(" ");
      const sharesGroup = name.split(" ")[0] === words[0];
      return { name, score: editDistance(prefix, name) - (sharesGroup ? 2 : 0) };
    })
    .filter(({ name, score }) => score <= Math.max(3, Math.floor(name.length / 2)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}
