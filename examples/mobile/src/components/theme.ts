import { StyleSheet } from 'react-native';

export const colors = {
  background: '#f6f7f9',
  card: '#ffffff',
  text: '#1d2330',
  muted: '#5b6475',
  accent: '#1f6feb',
  accentText: '#ffffff',
  border: '#d5d9e0',
  error: '#b42318',
};

export const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  content: { padding: 16, gap: 12 },
  /** A group inside a screen's content: spaced like it, without a second padding. */
  section: { gap: 12 },
  /** On a wide web page the app keeps a phone's width, centred (on a phone: the whole screen). */
  page: { flex: 1, alignItems: 'center', backgroundColor: '#e9ecf1' },
  frame: { flex: 1, width: '100%', maxWidth: 560, backgroundColor: colors.background, paddingTop: 24 },
  heading: { fontSize: 22, fontWeight: '700', color: colors.text },
  subheading: { fontSize: 17, fontWeight: '600', color: colors.text, marginTop: 8 },
  text: { fontSize: 15, color: colors.text },
  muted: { fontSize: 14, color: colors.muted },
  error: { fontSize: 14, color: colors.error },
  label: { fontSize: 13, fontWeight: '600', color: colors.muted, marginBottom: 4 },
  input: { borderWidth: 1, borderColor: colors.border, borderRadius: 8, paddingHorizontal: 12, paddingVertical: 10, fontSize: 16, backgroundColor: colors.card, color: colors.text },
  button: { backgroundColor: colors.accent, borderRadius: 8, paddingVertical: 12, paddingHorizontal: 16, alignItems: 'center' },
  buttonSecondary: { backgroundColor: colors.card, borderWidth: 1, borderColor: colors.accent },
  buttonDisabled: { opacity: 0.5 },
  buttonText: { color: colors.accentText, fontSize: 16, fontWeight: '600' },
  buttonTextSecondary: { color: colors.accent },
  card: { backgroundColor: colors.card, borderRadius: 10, padding: 14, gap: 4, borderWidth: 1, borderColor: colors.border },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, alignItems: 'center' },
  chip: { borderWidth: 1, borderColor: colors.border, borderRadius: 16, paddingVertical: 6, paddingHorizontal: 12, backgroundColor: colors.card },
  chipSelected: { borderColor: colors.accent, backgroundColor: '#e7f0ff' },
  header: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center', padding: 12, backgroundColor: colors.card, borderBottomWidth: 1, borderColor: colors.border },
  tabs: { flexDirection: 'row', borderTopWidth: 1, borderColor: colors.border, backgroundColor: colors.card },
  tab: { flex: 1, paddingVertical: 12, alignItems: 'center' },
  tabSelected: { borderTopWidth: 3, borderColor: colors.accent },
});
