export interface FamilySummary {
  id: string;
  fileNumber: string;
  name: string;
  children: { id: string; firstName: string; lastName: string }[];
}

export interface FamilyRepository {
  /** The family with its children, first names in birth order (eldest first, as tabs appear). */
  findSummary(familyId: string): Promise<FamilySummary | null>;
}
