/** Saving and opening files the API returns: the bearer token rules out plain links. */

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // The browser has taken the file by the next tick; keep the URL a little longer to be safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Opens an HTML report in a new tab. The tab is opened before the fetch so the click still counts
 * as the user's and no popup blocker steps in; it is pointed at the file once it has arrived.
 */
export async function openInNewTab(load: () => Promise<Blob>): Promise<void> {
  const tab = window.open('', '_blank')
  try {
    const blob = await load()
    const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }))
    if (tab) {
      tab.location.href = url
    } else {
      window.location.assign(url)
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  } catch (error) {
    tab?.close()
    throw error
  }
}
