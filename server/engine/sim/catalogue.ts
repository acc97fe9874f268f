/**
 * The demo marketplace's fixed catalogue: services with platform prices (PAY-1) and
 * partner pay (PAY-2), French cities with real coordinates, and French names.
 */
export interface ServiceSeed {
  id: string;
  vertical: 'wellness' | 'care';
  name: string;
  durationMin: number;
  priceCents: number;
  partnerPayCents: number;
  /** REF-3: a diploma is required. */
  regulated: boolean;
}

export const SERVICES: readonly ServiceSeed[] = [
  { id: 'haircut', vertical: 'wellness', name: 'Coupe et brushing à domicile', durationMin: 60, priceCents: 4500, partnerPayCents: 3600, regulated: true },
  { id: 'colouring', vertical: 'wellness', name: 'Coloration', durationMin: 90, priceCents: 6500, partnerPayCents: 5200, regulated: true },
  { id: 'barber', vertical: 'wellness', name: 'Coupe homme et barbe', durationMin: 45, priceCents: 3500, partnerPayCents: 2800, regulated: true },
  { id: 'manicure', vertical: 'wellness', name: 'Manucure et pose de vernis', durationMin: 45, priceCents: 3900, partnerPayCents: 3100, regulated: true },
  { id: 'facial', vertical: 'wellness', name: 'Soin du visage', durationMin: 60, priceCents: 6900, partnerPayCents: 5500, regulated: true },
  { id: 'waxing', vertical: 'wellness', name: 'Épilation jambes complètes', durationMin: 45, priceCents: 4200, partnerPayCents: 3400, regulated: true },
  { id: 'massage', vertical: 'wellness', name: 'Massage bien-être relaxant', durationMin: 60, priceCents: 7500, partnerPayCents: 6000, regulated: false },
  { id: 'sport_coaching', vertical: 'wellness', name: 'Séance de coaching sportif', durationMin: 60, priceCents: 5500, partnerPayCents: 4400, regulated: true },
  { id: 'cleaning', vertical: 'care', name: 'Ménage à domicile (2 h)', durationMin: 120, priceCents: 5600, partnerPayCents: 4300, regulated: false },
  { id: 'ironing', vertical: 'care', name: 'Repassage (2 h)', durationMin: 120, priceCents: 5200, partnerPayCents: 4000, regulated: false },
  { id: 'childcare', vertical: 'care', name: 'Garde d’enfants (3 h)', durationMin: 180, priceCents: 6600, partnerPayCents: 5100, regulated: false },
  { id: 'school_pickup', vertical: 'care', name: 'Sortie d’école et goûter (2 h)', durationMin: 120, priceCents: 4600, partnerPayCents: 3500, regulated: false },
];

export interface CitySeed {
  name: string;
  postcode: string;
  lat: number;
  lng: number;
  streets: readonly string[];
}

export const CITIES: readonly CitySeed[] = [
  { name: 'Paris', postcode: '75011', lat: 48.8589, lng: 2.3799, streets: ['rue de la Roquette', 'boulevard Voltaire', 'rue Oberkampf', 'avenue de la République'] },
  { name: 'Paris', postcode: '75015', lat: 48.8421, lng: 2.2927, streets: ['rue de Vaugirard', 'rue du Commerce', 'avenue Émile Zola', 'rue de la Convention'] },
  { name: 'Lyon', postcode: '69003', lat: 45.7597, lng: 4.8512, streets: ['cours Gambetta', 'rue Paul Bert', 'avenue Félix Faure', 'rue Moncey'] },
  { name: 'Marseille', postcode: '13006', lat: 43.2887, lng: 5.3797, streets: ['rue Paradis', 'cours Julien', 'rue de Rome', 'boulevard Notre-Dame'] },
  { name: 'Toulouse', postcode: '31000', lat: 43.6045, lng: 1.4442, streets: ['rue d’Alsace-Lorraine', 'allée Jean Jaurès', 'rue de Metz', 'place Saint-Étienne'] },
  { name: 'Bordeaux', postcode: '33000', lat: 44.8378, lng: -0.5792, streets: ['cours de l’Intendance', 'rue Sainte-Catherine', 'quai des Chartrons', 'cours Victor Hugo'] },
  { name: 'Lille', postcode: '59000', lat: 50.6292, lng: 3.0573, streets: ['rue Nationale', 'boulevard de la Liberté', 'rue Solférino', 'rue de Béthune'] },
  { name: 'Nantes', postcode: '44000', lat: 47.2184, lng: -1.5536, streets: ['rue Crébillon', 'cours des Cinquante-Otages', 'rue de Strasbourg', 'quai de la Fosse'] },
  { name: 'Nice', postcode: '06000', lat: 43.7102, lng: 7.262, streets: ['avenue Jean Médecin', 'rue de France', 'boulevard Gambetta', 'rue Masséna'] },
  { name: 'Strasbourg', postcode: '67000', lat: 48.5734, lng: 7.7521, streets: ['rue des Grandes Arcades', 'quai des Bateliers', 'rue du Faubourg National', 'avenue de la Forêt-Noire'] },
  { name: 'Montpellier', postcode: '34000', lat: 43.6108, lng: 3.8767, streets: ['rue de la Loge', 'boulevard du Jeu de Paume', 'rue Foch', 'avenue de Toulouse'] },
  { name: 'Rennes', postcode: '35000', lat: 48.1173, lng: -1.6778, streets: ['rue Saint-Malo', 'boulevard de la Liberté', 'rue de Paris', 'quai Lamartine'] },
  { name: 'Boulogne-Billancourt', postcode: '92100', lat: 48.8397, lng: 2.2399, streets: ['avenue Jean-Baptiste Clément', 'rue de Silly', 'boulevard Jean Jaurès', 'rue du Point du Jour'] },
  { name: 'Versailles', postcode: '78000', lat: 48.8049, lng: 2.1204, streets: ['avenue de Paris', 'rue de la Paroisse', 'boulevard de la Reine', 'rue Hoche'] },
];

export const FIRST_NAMES: readonly string[] = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Sarah', 'Jade', 'Zoé', 'Louise', 'Émilie', 'Océane', 'Anaïs', 'Mélanie', 'Nathalie',
  'Hélène', 'Amélie', 'Céline', 'Aurélie', 'Lucas', 'Hugo', 'Thomas', 'Nicolas', 'Julien', 'Maxime', 'Antoine', 'Mathéo', 'Théo',
  'Karim', 'Yasmine', 'Fatoumata', 'Mehdi', 'Noémie', 'Gaëlle', 'Loïc', 'François', 'Stéphane', 'Jérôme', 'Agnès', 'Maëlle',
];

export const LAST_NAMES: readonly string[] = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre',
  'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont',
  'Lambert', 'Bonnet', 'François', 'Martinez', 'Benali', 'Nguyen', 'Diallo', 'Le Goff', 'Hervé', 'Castaño', 'Da Silva', 'Perrin',
];
