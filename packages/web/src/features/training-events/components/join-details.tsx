/** Web addresses in the join details, so that a phone opens the meeting with one tap. */
const URL_PATTERN = /(https?:\/\/[^\s<>"'（）「」、。]+)/;

/** Online join details as staff typed them (line breaks kept), with their addresses as links. */
export function JoinDetails({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <p className="prewrap join-details">
      {parts.map((part, i) =>
        // split() with a capture group puts the matches at the odd indexes.
        i % 2 === 1 ? (
          <a key={`${i}-${part}`} href={part} target="_blank" rel="noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}
