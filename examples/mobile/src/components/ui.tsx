import type { ReactNode } from 'react';
import { ActivityIndicator, Pressable, Text, TextInput, View, type TextInputProps } from 'react-native';
import { styles } from './theme';

// The few building blocks every screen uses. Each control carries its accessible name and role
// (VoiceOver and TalkBack read them; on the web they become aria-label and role).

/** A screen's title (a heading for screen readers). */
export function Heading({ children, level = 1 }: { children: ReactNode; level?: 1 | 2 }) {
  return (
    <Text role="heading" aria-level={level} style={level === 1 ? styles.heading : styles.subheading}>
      {children}
    </Text>
  );
}

/** A labelled text input: the label is shown above it and is the input's accessible name. */
export function Field({ label, ...input }: { label: string } & TextInputProps) {
  return (
    <View>
      <Text style={styles.label}>{label}</Text>
      <TextInput aria-label={label} style={styles.input} autoCorrect={false} {...input} />
    </View>
  );
}

interface ButtonProps {
  title: string;
  onPress: () => void;
  disabled?: boolean;
  busy?: boolean;
  secondary?: boolean;
  /** An accessible name that says more than the title (e.g. whose bid "Accept" accepts). */
  label?: string;
}

export function Button({ title, onPress, disabled = false, busy = false, secondary = false, label }: ButtonProps) {
  const off = disabled || busy;
  return (
    <Pressable
      role="button"
      aria-label={label ?? title}
      aria-disabled={off}
      disabled={off}
      onPress={onPress}
      style={[styles.button, secondary && styles.buttonSecondary, off && styles.buttonDisabled]}
    >
      {busy ? <ActivityIndicator color={secondary ? undefined : '#fff'} /> : <Text style={[styles.buttonText, secondary && styles.buttonTextSecondary]}>{title}</Text>}
    </Pressable>
  );
}

/** One choice among a few (a currency, a category), as a row of chips. */
export function Choice<T extends string>(props: { label: string; options: readonly T[]; value: T; onChange: (value: T) => void; show?: (option: T) => string }) {
  const { label, options, value, onChange, show = (option: T) => option } = props;
  return (
    <View>
      <Text style={styles.label}>{label}</Text>
      <View role="radiogroup" aria-label={label} style={styles.row}>
        {options.map((option) => (
          <Pressable key={option} role="radio" aria-checked={option === value} aria-label={show(option)} onPress={() => onChange(option)} style={[styles.chip, option === value && styles.chipSelected]}>
            <Text style={styles.text}>{show(option)}</Text>
          </Pressable>
        ))}
      </View>
    </View>
  );
}

/** A failure a person can act on, announced as it appears. */
export function ErrorText({ message }: { message: string | null | undefined }) {
  return message ? (
    <Text role="alert" style={styles.error}>
      {message}
    </Text>
  ) : null;
}

export function Muted({ children }: { children: ReactNode }) {
  return <Text style={styles.muted}>{children}</Text>;
}

export function Loading() {
  return <ActivityIndicator accessibilityLabel="Loading" style={{ margin: 24 }} />;
}
