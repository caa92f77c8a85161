/** Art. 16: the bureau's data-element dictionary (migration 202612060010). */
export interface CatalogElementTables {
  data_elements: {
    /** Stable: never changed once created, so items and authoritative items can keep it. */
    code: string
    name: string
    definition: string
    data_type: string
    /** JSON array of the synonyms as the bureau wrote them. */
    synonyms: string
    created_at: string
    updated_at: string
    updated_by: string
  }
  /** Every name and synonym of every element in matching form (names.ts); one name, one element. */
  data_element_names: {
    name_key: string
    element_code: string
  }
}
