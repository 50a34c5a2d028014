import { useQuery } from '@sx/react';
import { NearbyTasksDocument } from '@sx/sdk';
import { useState } from 'react';
import { FlatList, RefreshControl, View } from 'react-native';
import { FALLBACK_PLACE, NEARBY_RADIUS_KM } from '../config';
import { useDeviceLocation, type DeviceLocation } from '../device-location';
import { Button, ErrorText, Field, Heading, Loading, Muted } from '../components/ui';
import { styles } from '../components/theme';
import { TaskCard } from '../components/task-card';

const PAGE_SIZE = 20;

/** Open tasks near the device (or near a place typed in when location is not allowed), newest first. */
export function NearbyScreen() {
  const location = useDeviceLocation();
  const [typed, setTyped] = useState(FALLBACK_PLACE);
  const place = location.state === 'allowed' ? location : typed;
  const query = useQuery(NearbyTasksDocument, { lat: place.lat, lng: place.lng, radiusKm: NEARBY_RADIUS_KM, first: PAGE_SIZE }, { skip: location.state === 'asking' });
  const tasks = query.data?.tasks.edges ?? [];

  return (
    <FlatList
      style={styles.screen}
      contentContainerStyle={styles.content}
      data={tasks}
      keyExtractor={(edge) => edge.node.id}
      renderItem={({ item }) => <TaskCard task={item.node} />}
      refreshControl={<RefreshControl refreshing={query.refreshing} onRefresh={() => void query.refresh()} />}
      ListHeaderComponent={
        <View style={styles.section}>
          <Heading>Nearby open tasks</Heading>
          <WhereFrom location={location} typed={typed} onPlace={setTyped} />
          <Button secondary title="Refresh" onPress={() => void query.refresh()} busy={query.refreshing} disabled={location.state === 'asking'} />
          <ErrorText message={query.error?.message} />
          {query.loading || location.state === 'asking' ? <Loading /> : null}
        </View>
      }
      ListEmptyComponent={query.data ? <Muted>No open tasks within {NEARBY_RADIUS_KM} km.</Muted> : null}
      aria-label="Nearby open tasks"
    />
  );
}

/** Says where "nearby" is; lets the person type a place when the device's location is refused. */
function WhereFrom({ location, typed, onPlace }: { location: DeviceLocation; typed: typeof FALLBACK_PLACE; onPlace: (place: typeof FALLBACK_PLACE) => void }) {
  const [lat, setLat] = useState(String(typed.lat));
  const [lng, setLng] = useState(String(typed.lng));
  if (location.state === 'asking') return <Muted>Finding where you are…</Muted>;
  if (location.state === 'allowed') return <Muted>Within {NEARBY_RADIUS_KM} km of your location.</Muted>;
  const place = { lat: Number(lat), lng: Number(lng) };
  const valid = Number.isFinite(place.lat) && Number.isFinite(place.lng) && lat !== '' && lng !== '';
  return (
    <View style={styles.section}>
      <Muted>{location.reason} Showing tasks near this place instead:</Muted>
      <Field label="Latitude" value={lat} onChangeText={setLat} keyboardType="numbers-and-punctuation" />
      <Field label="Longitude" value={lng} onChangeText={setLng} keyboardType="numbers-and-punctuation" />
      <Button title="Search here" onPress={() => onPlace(place)} disabled={!valid} />
    </View>
  );
}
