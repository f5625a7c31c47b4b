"""Norwegian titles and descriptions for the JSON Schemas that editors see while typing.

The models' docstrings are written for developers (in English); a content editor hovering over a
key in an editor sees these instead. ``MODELS`` maps a model's name to its description and the
descriptions of its fields; ``FIELDS`` holds descriptions shared by fields of the same name in
every model (``kilde``, ``merknad`` …). A field without either keeps the model's own description
(the fact vocabulary's questions, for instance). Changing a text here changes no model's behaviour.
"""

from __future__ import annotations

FIELDS: dict[str, str] = {
    "id": "Stabil id: små bokstaver a–z, sifre og bindestrek (f.eks. «bpa», «helsetjenester-i-hjemmet»).",
    "kilde": "Kilden: dokumentets id i kilder.yaml og avsnittet (overskriftsstien) teksten står i.",
    "merknad": "Redaksjonell merknad (ikke kildetekst): hvordan teksten er lest, hva som er usikkert.",
    "usikker_tekst": "Sett til true når OCR-teksten er uleselig eller usikker; forklar i «merknad».",
    "gyldig_fra": "Første dag innholdet gjelder (ÅÅÅÅ-MM-DD). En vurdering før denne datoen tar det ikke med.",
    "gyldig_til": "Siste dag innholdet gjelder (ÅÅÅÅ-MM-DD).",
    "tekst": "Kildens ord, gjenopprettet (æ, ø, å), ikke omskrevet.",
    "navn": "Navnet slik kilden skriver det.",
    "tittel": "Tittelen slik kilden skriver den.",
    "stikkord": "Ord saksbehandlere søker etter som leder hit (synonymer, skrivemåter uten æ/ø/å).",
    "tjenester": "Id-er for tjenester (filnavnene i kb/data/tjenester/ uten .yaml).",
    "seksjoner": "Seksjonene i kildens rekkefølge.",
    "lovgrunnlag": "Bestemmelsene teksten viser til (lov + paragraf, ledd, nummer, bokstav).",
    "sitat": "Ordrett sitat fra kilden (kontrolleres mot kildeteksten).",
}

MODELS: dict[str, tuple[str, dict[str, str]]] = {
    # --- shared ---------------------------------------------------------------------------------
    "Kilde": ("Henvisning til kilden: dokument og avsnitt.", {
        "dokument": "Id-en til kildedokumentet i kb/data/kilder/kilder.yaml (f.eks. «regionale-kriterier»).",
        "avsnitt": "Overskriftsstien i kilden, skilt med › (f.eks. «Tjenester › Støttekontakt › Kriterier»)."}),
    "Kildedokument": ("Et kildedokument i registeret (kilder.yaml).", {
        "utgiver": "Hvem som har gitt ut dokumentet.",
        "korttittel": "Kort tittel til kildehenvisningen under hvert kriterium, f.eks. «Regionale kriterier».",
        "fil": "Filnavnet til kildeteksten i kb/data/kilder/.",
        "adresse": "Sidens adresse, nøyaktig slik den lagrede kopien oppgir den.",
        "lest": "Datoen den lagrede kopien ble lest.",
        "art": "Hva slags tekst kilden er: lovtekst, kommentar, forarbeid, kommunal eller tilsyn."}),
    "Lov": ("En lov eller forskrift i lovregisteret (lover.yaml).", {
        "navn": "Offisiell tittel, f.eks. «Lov om kommunale helse- og omsorgstjenester m.m.».",
        "korttittel": "Offisiell korttittel, f.eks. «helse- og omsorgstjenesteloven».",
        "forkortelse": "Vanlig forkortelse, f.eks. «hol» eller «pbrl».",
        "lovdata_id": "Lovdata-id, f.eks. «lov/2011-06-24-30» (lenken til Lovdata lages av denne).",
        "merknad": "Hvor id-en kommer fra når kildene ikke oppgir den."}),
    "Lovhenvisning": ("En henvisning til en bestemmelse: lov + paragraf (+ ledd, nummer, bokstav).", {
        "lov": "Lovens id i lover.yaml (f.eks. «hol», «pbrl», «fvl»).",
        "paragraf": "Paragrafen slik loven skriver den, f.eks. «3-2» eller «2-1 d»; tom for hele loven.",
        "ledd": "Leddet i ord, f.eks. «første».",
        "nummer": "Nummeret, f.eks. «6».",
        "bokstav": "Bokstaven, f.eks. «b».",
        "kapittel": "Kapittelet, når henvisningen gjelder et helt kapittel (f.eks. «7»)."}),
    "Kommune": ("En kommune i registeret (kommuner.yaml).", {
        "id": "Kommunens id: små bokstaver uten æ/ø/å (f.eks. «gjovik», «ostre-toten»).",
        "navn": "Kommunens navn (f.eks. «Gjøvik»).",
        "region": "Regionen kommunen hører til.",
        "kilde": "Hvor kommunen er nevnt; «utenfor kildene: …» når den er lagt til fra andre steder."}),
    "Opplysning": ("En opplysning i faktavokabularet (opplysninger.yaml): det kartleggingen finner ut.", {
        "navn": "Navnet reglene og saksfilene bruker: små bokstaver og _ (f.eks. «timer_per_uke»).",
        "etikett": "Opplysningen med få ord, slik begrunnelser, journalnotat og rapport viser den "
                   "(f.eks. «alder», «hjelpebehov»); navnet vises aldri for en person.",
        "type": "heltall, tall (desimaltall tillatt) eller ja_nei.",
        "enhet": "Enheten tallet måles i (f.eks. «år», «timer per uke»).",
        "sporsmal": "Spørsmålet saksbehandler stiller, på bokmål.",
        "beskrivelse": "Utfyllende forklaring.",
        "min": "Minste gyldige verdi.",
        "max": "Største gyldige verdi."}),
    "Linjer": ("Et linjeområde i kildeteksten (første og siste linje, begge medregnet).", {
        "fra": "Første linje (fra 1).", "til": "Siste linje (medregnet)."}),
    "Grunnlag": ("Grunnlaget for en verdi som «lovpalagt»: kildeavsnittet som sier det, eller en redaksjonell "
                 "lesning med begrunnelse og lovhenvisning.", {
        "redaksjonell": "true når kildene ikke sier det og verdien er en redaksjonell lesning.",
        "kilde": "Avsnittet som sier det (eller, for en lesning, avsnittet som leses).",
        "linjer": "Linjene i kildeteksten der ordene står.",
        "sitat": "Kildens ord på disse linjene, gjenopprettet.",
        "begrunnelse": "Hvorfor lesningen holder (kreves når redaksjonell er true).",
        "lovhenvisninger": "Loven lesningen bygger på."}),
    "Avsnitt": ("Et avsnitt med løpende tekst.", {"avsnitt": "Avsnittets tekst, slik kilden har den."}),
    "Punkt": ("Et kulepunkt som ikke er et kriterium (f.eks. under Formål eller Merknader).", {
        "punkt": "Punktets tekst, slik kilden har den."}),
    # --- rules ----------------------------------------------------------------------------------
    "Sammenligning": ("Sammenlign en opplysning med en verdi, f.eks. {fakta: alder, op: \"<\", verdi: "
                      "{parameter: bpa-aldersgrense}}. {fakta: bor_hjemme} betyr «bor_hjemme er ja».", {
        "fakta": "Opplysningens navn i faktavokabularet (opplysninger.yaml), eller i saksfelter.yaml for Oslo-reglene.",
        "op": "Sammenligningen: <, <=, >, >=, == (standard), != eller i (verdien er en av valgene i en liste).",
        "verdi": "Verdien det sammenlignes med: et juridisk tall med {parameter: id} (aldri et tall skrevet inn), "
                 "true/false for ja/nei (standard true), eller et valg som «avslag».",
        "ved_tvil": "usann: en opplysning som mangler, regnes som usann (bare når kilden selv sier hva som "
                    "gjelder ved tvil; si hvor i merknaden). Opplysningen meldes fortsatt som manglende."}),
    "ParameterRef": ("Et juridisk tall fra parametre.yaml, med verdien som gjelder på vurderingsdatoen.", {
        "parameter": "Parameterens id, f.eks. «bpa-aldersgrense»."}),
    "Alle": ("Alle delreglene må holde (og).", {"alle": "Delreglene."}),
    "Noen": ("Minst én av delreglene må holde (eller).", {"noen": "Delreglene."}),
    "Ikke": ("Det motsatte av delregelen (ikke).", {"ikke": "Delregelen."}),
    "KriteriumRef": ("Verdien av et annet kriteriums regel i samme tjeneste (eller tjenesten den inngår i).", {
        "kriterium": "Id-en til kriteriet."}),
    # --- services and chapters ------------------------------------------------------------------
    "Tjeneste": ("En tjeneste med kriteriene slik de regionale tildelingskriteriene beskriver dem.", {
        "id": "Tjenestens id; lik filnavnet uten .yaml.",
        "navn": "Tjenestens navn slik kilden skriver det.",
        "kortnavn": "Kort navn til tabeller og lenker (f.eks. «BPA»).",
        "inngar_i": "Tjenesten denne er et tiltak under; kriteriene der gjelder også her.",
        "lovpalagt": ("true for lovpålagte tjenester; avgjør klagefrist og klageinstans. «avhenger» der det "
                      "avhenger av saken (vilkåret står i lovpalagt_grunnlag.begrunnelse)."),
        "lovpalagt_grunnlag": "Grunnlaget for «lovpalagt»: kildeavsnittet (kilde, linjer, sitat) eller en "
                              "redaksjonell lesning med begrunnelse og lovhenvisning.",
        "egenandel": "Om tjenesten har egenandel (ja, nei, avhenger, ikke_omtalt), med kildens ord.",
        "aldersgrense": "Aldersgrensene teksten oppgir (år); reglene håndhever dem.",
        "rettskrav": "Når teksten beskriver en lovfestet rett med sjekkbare vilkår: regelen for retten, "
                     "bygd av kriteriene med {kriterium: id}.",
        "uten_rettskrav": "Id-en til kriteriet som sier at kommunen likevel kan tildele tjenesten uten "
                          "rettskrav (BPA: «bpa-kommunen-kan-vurdere»).",
        "gjelder_ikke_for": "Kommuner tjenesten ikke gjelder for, med kildens ord.",
        "gyldig_fra": "Første dag kriteriene for tjenesten gjelder (ÅÅÅÅ-MM-DD).",
        "gyldig_til": "Siste dag kriteriene for tjenesten gjelder (ÅÅÅÅ-MM-DD)."}),
    "Seksjon": ("En seksjon av tjenesten eller kapittelet slik kilden har den: overskrift og innhold i rekkefølge.", {
        "overskrift": "Overskriften slik kilden har den, f.eks. «Kriterier».",
        "del": "Hva slags seksjon det er (tjenestebeskrivelse, formal, malgruppe, lovgrunnlag, kriterier, "
               "utelukker, hovedregel_ikke, omfatter_ikke, kvalitetskrav, merknader, tiltak, annet).",
        "innhold": "Avsnitt (avsnitt:), punkter (punkt:) og kriterier (kriterium:) i kildens rekkefølge.",
        "underseksjoner": "Seksjoner under denne."}),
    "Kriterium": ("Et kriterium slik kilden formulerer det, med art og eventuelt en maskinregel.", {
        "kriterium": "Kriteriets id, unik i hele kunnskapsbasen (f.eks. «bpa-arbeidsleder»).",
        "art": "vilkar (et vilkår), utelukker (utelukker tildeling), hovedregel_ikke (som hovedregel innvilges "
               "ikke), vurderingsmoment (skjønn), prioriteres, provd_forst (må være prøvd først), rettskrav "
               "(vilkår for rettskrav), malgruppe (én av flere målgrupper) eller lovvilkar (lovens eget vilkår, "
               "i lovtekster.yaml).",
        "tekst": "Kildens ord, gjenopprettet, ikke omskrevet.",
        "form": "punkt (et kulepunkt i kilden), avsnitt (løpende tekst) eller avledet (gjentar tekst fra et "
                "annet sted i seksjonen).",
        "regel": "Maskinregelen, bare når teksten sier noe sjekkbart (alder, timer, varighet, ja/nei). For "
                 "utelukker og hovedregel_ikke sier regelen når unntaket slår inn.",
        "unntak": "Kommuner kriteriet ikke gjelder for (f.eks. «Gjelder ikke for Gran kommune»).",
        "kilde": "Bare når kriteriet står et annet sted enn tjenestens avsnitt og denne seksjonen.",
        "linjer": "Linjene i kildeteksten der kriteriets ord står (kontrolleres av «kb check»).",
        "lovhenvisninger": "Lovene kriteriets egen tekst nevner (f.eks. «vilkårene i PBRL §2-1d»).",
        "avvik_fra_loven": "Settes der kriteriet er strengere enn, eller avviker fra, loven: kriteriet beholder "
                           "sin status, men avgjør aldri utfallet alene."}),
    "AvvikFraLoven": ("Der et regionalt kriterium er strengere enn, eller avviker fra, loven.", {
        "tekst": "En setning på vanlig norsk til saksbehandler som nevner loven (f.eks. «Kriteriet sier «mer "
                 "enn …», mens pasient- og brukerrettighetsloven § 2-1 d sier «minst …» …»).",
        "lovtekster": "Bestemmelsene i lovtekster.yaml avviket bygger på (f.eks. «pbrl-2-1-d»); kildene "
                      "deres vises sammen med setningen."}),
    "Lovbestemmelse": ("En bestemmelse i loven med lovens ord fra en lagret kilde (lovtekster.yaml).", {
        "id": "Bestemmelsens id, f.eks. «pbrl-2-1-d».",
        "lov": "Lovens id i lover.yaml (f.eks. «pbrl»).",
        "paragraf": "Paragrafen slik loven skriver den, f.eks. «2-1 d».",
        "tittel": "Paragrafens overskrift.",
        "sitater": "Lovens ord (eller, der bare det finnes, kommentarens), hentet fra en lagret kilde.",
        "vilkar": "Lovens vilkår som kan sjekkes (art: lovvilkar), hvert med ordene det bygger på og en regel.",
        "merknad": "Hva som ikke kunne nås, eller hvordan bestemmelsen er lest."}),
    "Sitat": ("Et sitat fra en lagret kilde.", {
        "tekst": "Kildens ord, nøyaktig (mellomrom kan avvike).",
        "kilde": "Kildedokumentet (kilder.yaml) og avsnittet (en «== overskrift ==»-linje i filen).",
        "merknad": "Redaksjonell merknad, f.eks. «Helsedirektoratets ord, ikke lovens»."}),
    "Unntak": ("Et unntak for én kommune (f.eks. «Gjelder ikke for Gran kommune»).", {
        "kommune": "Kommunens id i kommuner.yaml (f.eks. «gran»).",
        "tekst": "Kildens ord, f.eks. «Gjelder ikke for Gran kommune»."}),
    "Kriteriesett": ("Et sett tildelingskriterier og kommunene det gjelder for (kriteriesett.yaml).", {
        "region": "Regionen settet gjelder, f.eks. «Helseregion Gjøvik/Hadeland».",
        "mappe": "Mappen under kb/data med én YAML-fil per tjeneste (f.eks. «tjenester»).",
        "kommuner": "Id-ene til kommunene settet gjelder for (fra kommuner.yaml). En kommune utenfor alle sett avvises."}),
    "Parameter": ("Et juridisk tall (parametre.yaml) med verdiene det har hatt, hver med kilde.", {
        "id": "Parameterens id, f.eks. «klagefrist-uker-lovpalagt»; reglene viser til den med {parameter: id}.",
        "beskrivelse": "Hva tallet er, på bokmål.",
        "enhet": "Enheten, f.eks. «år», «uker», «dager» eller «timer per uke».",
        "verdier": "Verdiene med datoen de gjelder fra, eldste først."}),
    "ParameterVerdi": ("Én verdi av et juridisk tall, fra en dato, med kilde.", {
        "fra": "Første dag verdien gjelder (ÅÅÅÅ-MM-DD); uten dato gjelder den fra starten (bare den første).",
        "verdi": "Tallet.",
        "sitat": "Kildens ord som sier tallet (kontrolleres mot den gjenopprettede teksten).",
        "lovhenvisninger": "Loven teksten nevner for tallet, om noen."}),
    "Egenandel": ("Egenandel: ja, nei, avhenger (av saken) eller ikke_omtalt (kilden sier ingenting).", {
        "svar": "ja, nei, avhenger eller ikke_omtalt.",
        "tekst": "Kildens ord (for ikke_omtalt: en merknad om at kilden ikke sier noe)."}),
    "Aldersgrense": ("Aldersgrensene teksten oppgir, med kildens ord; tallene står i parametre.yaml.", {
        "tekst": "Kildens ord om aldersgrensen.",
        "parametre": "Id-ene til parameterne som holder grensene (f.eks. «bpa-aldersgrense»)."}),
    "Kapittel": ("Et generelt kapittel (prinsipper, saksbehandling, forventninger, klageadgang).", {
        "rekkefolge": "Kapittelets plass i rekkefølgen på nettstedet (1, 2, 3 …).",
        "lovhenvisninger": "Lovene kapittelet viser til (kildens «… - Lovdata»-lenker)."}),
    "Ordforklaring": ("Et ord i ordlisten.", {
        "term": "Ordet eller uttrykket.", "forklaring": "Forklaringen på bokmål.",
        "synonymer": "Ord saksbehandlere skriver som kilden ikke bruker (sykehjem, omsorgslønn …).",
        "se": "Id-er for tjenester eller kapitler der ordet brukes."}),
    "Innsatstrinn": ("Et trinn i innsatstrappen og tjenestene som plasseres der (plasseringen er redaksjonell).", {
        "navn": "Trinnets navn slik kilden skriver det."}),
    "Kategori": ("En type behov å bla etter (redaksjonell, ikke et kriterium).", {
        "navn": "Kategoriens navn.", "beskrivelse": "Kort forklaring på bokmål."}),
    # --- Oslo -----------------------------------------------------------------------------------
    "RutineFil": ("Oslo kommunes rutine for saksbehandling i Gerica (rutine.yaml).", {
        "utgiver": "Hvem som har gitt ut rutinen.", "versjon": "Rutinens versjon, f.eks. «2.0».",
        "innledning": "Redaksjonell innledning til oversiktssiden (ikke kildetekst).",
        "gerica": "Gerica-begreper rutinen bruker (sakskort, sak 100, journal 140 …)."}),
    "RutineSeksjon": ("Et nummerert avsnitt i rutinen, med kildens ord.", {
        "nummer": "Avsnittsnummeret slik kilden har det, f.eks. «2.11.1».",
        "tittel": "Overskriften slik kilden har den, f.eks. «Forhåndsvarsel».",
        "kilde": "Avsnittet viser til seg selv: dokument oslo-gerica-rutine, avsnitt «nummer tittel».",
        "tjenester": "Id-er for regionale tjenester teksten tydelig gjelder.",
        "innhold": "Avsnitt (avsnitt:) og punkter (punkt:) i kildens rekkefølge.",
        "underseksjoner": "Underavsnittene."}),
    "GericaBegrep": ("Et Gerica-begrep rutinen bruker.", {
        "begrep": "Begrepet, f.eks. «Sak 100».",
        "sitat": "Setningen i kilden som nevner det (ordrett fra det første avsnittet).",
        "seksjoner": "Avsnittene som bruker begrepet; sitatet er fra det første."}),
    "Rutineregel": ("En regel i rutinen (eller i de regionale kriteriene) som data: sitat, parametre og kilde.", {
        "tittel": "Spørsmålet regelen svarer på, f.eks. «Skal det sendes forvaltningsmelding?».",
        "seksjon": "Avsnittet i Oslo-rutinen; tomt når regelen kommer fra en annen kilde.",
        "parametre": "Strukturerte verdier regelen oppgir (dager, uker, maler …); teksten er autoriteten.",
        "punkter": "Sjekkpunkter, ordrett fra avsnittet.",
        "grunner": "Grunner for avvisning (2.4) og hva som skal gjøres.",
        "eksempler": "Kildens egne eksempler, med forventet svar.",
        "svar": "Hvordan regelen svarer på spørsmålene til «kb procedure»: når (en regel over saksfeltene) og hva."}),
    "Svar": ("Hvordan en regel i rutinen svarer på ett spørsmål. For hvert spørsmål prøves svarene i rekkefølge "
             "etter «prioritet» (lavest først); det første der «nar» holder, gir svaret.", {
        "sporsmal": "Spørsmålet: enkeltvedtak_kreves, forvaltningsmelding_kreves, forhandsvarsel_kreves, "
                    "vedtaksmal, klagefrist eller klageinstans.",
        "prioritet": "Rekkefølgen svarene prøves i (lavest først).",
        "nar": "Vilkåret, en regel over saksfeltene (saksfelter.yaml); uten vilkår gjelder svaret alltid.",
        "verdi": "Svaret: true, false, null eller en tekst (f.eks. klageinstansen).",
        "verdi_regel": "Svaret er verdien av denne regelen (i stedet for «verdi»).",
        "malkatalog": "true: svaret er vedtaksmalen malkatalogen (tjenestemaler.yaml) gir.",
        "frist_uker": "Svaret er en frist på så mange uker fra vedtak_mottatt ({parameter: id}).",
        "mal": "Svaret er denne malen (bare for vedtaksmal), med id-en i maler.yaml.",
        "forklaring": "Begrunnelsen som vises; kan bruke {forventet_varighet_dager}, {p:parameter-id} og {mal:530}.",
        "ukjent": "Begrunnelsen når vilkåret gjør svaret ukjent.",
        "ved_tvil": "Legges til begrunnelsen når en antakelse ved tvil (ved_tvil: usann) avgjorde svaret.",
        "tillegg": "Flere begrunnelser som gis sammen med svaret.",
        "redaksjonell": "Når svaret er en redaksjonell lesning og ikke kildens ord: hvorfor, og hva den bygger på."}),
    "Tillegg": ("En begrunnelse til som gis sammen med et svar (f.eks. informer om utsatt iverksettelse).", {
        "regel": "Id-en til regelen begrunnelsen kommer fra.", "forklaring": "Begrunnelsen."}),
    "Saksfelter": ("Saksopplysningene Oslo-rutinens regler leser (saksfelter.yaml), og begrunnelsene når et "
                   "spørsmål ikke kan besvares.", {
        "felter": "Saksfeltene.",
        "sporsmal": "Per spørsmål: begrunnelsen når ingen regel kan svare ennå."}),
    "Saksfelt": ("Et felt i «sak» (eller en egenskap ved tjenesten) som reglene leser.", {
        "felt": "Feltets navn, f.eks. «forventet_varighet_dager».",
        "type": "ja_nei, heltall, dato eller valg.",
        "sporsmal": "Spørsmålet til saksbehandler, på bokmål.",
        "etikett": "Feltet med få ord, slik begrunnelsene nevner det (f.eks. «om vedtaket beskriver endringen»).",
        "valg": "For valg: hvert valg og navnet som vises.",
        "enhet": "Enheten, f.eks. «dager».",
        "avledet": "For en egenskap saken ikke oppgir direkte: hvor den kommer fra.",
        "mangler_som": "Feltet å spørre etter når dette er ukjent (f.eks. «tjeneste» for «lovpalagt»).",
        "min": "For heltall: den minste verdien en sak kan oppgi (begge motorene avviser mindre).",
        "max": "For heltall: den største verdien en sak kan oppgi (begge motorene avviser større).",
        "grenser": "Hvorfor grensene er som de er (redaksjonelt)."}),
    "Parametre": ("Strukturerte verdier en regel nevner, til visning (alle valgfrie; teksten er autoriteten).", {
        "maler": "Id-er for malene (4.1–4.3) regelen bruker.",
        "malnavn": "En mal eller standardtekst regelen nevner som ikke står i malkatalogen.",
        "gerica": "Gerica-koder regelen bruker, f.eks. «journal 121».",
        "tall": "Id-ene til de juridiske tallene (parametre.yaml) regelens tekst nevner."}),
    "Avvisningsgrunn": ("En grunn for avvisning (2.4) og hva som skal gjøres.", {
        "grunn": "Når den gjelder, med kildens ord.", "tiltak": "Hva rutinen sier skal gjøres, med kildens ord.",
        "avvises": "true når rutinen sier at søknaden avvises i dette tilfellet."}),
    "Eksempel": ("Et av kildens egne eksempler, som en sak med forventet svar.", {
        "navn": "Navnet kilden gir eksemplet, f.eks. «Eksempel 1».", "tekst": "Eksemplet med kildens ord.",
        "tjeneste": "Tjenesten eksemplet gjelder, når kilden sier det.", "sak": "Saken slik eksemplet leses.",
        "forventet": "Svaret eksemplet gir.", "merknad": "Hvordan eksemplet er lest som en sak (redaksjonelt)."}),
    "Forventet": ("Forventede svar i et av kildens eksempler.", {
        "enkeltvedtak_kreves": "Om det skal fattes enkeltvedtak (true/false).",
        "forvaltningsmelding_kreves": "Om det skal sendes forvaltningsmelding (true/false).",
        "forhandsvarsel_kreves": "Om det skal sendes forhåndsvarsel (true/false).",
        "vedtaksmal": "Vedtaksmalens id (f.eks. 509)."}),
    "Mal": ("En dokumentmal i Gerica (4.1–4.3 i rutinen), nøyaktig slik tabellene har den.", {
        "id": "Gerica-id-en (f.eks. 509); null der kilden ikke oppgir noen.",
        "navn": "Navnet (tabellens kolonne Sakstype), f.eks. «OK_Sak – Avslag».",
        "gruppe": "Tabellen malen står i: 4.1 vedtaksmaler, 4.2 andre maler, 4.3 klagesaksmaler.",
        "bruksomrade": "Cellen Bruksområde; tom der cellen er tom i kilden.",
        "bruksomrade_punkter": "Linjer som står listet i Bruksområde-cellen etter teksten.",
        "tidsavgrenset": "Kolonnen Tidsavgrenset (bare i 4.1): Ja, Nei eller tom.",
        "vedtaksdokument": "Kolonnen Vedtaksdokument: Ja, Nei eller tom.",
        "kontroll_for_utsending": "Kolonnen Kontroll før utsending: Ja, Nei eller tom."}),
    "Tjenestemal": ("Hvilken mal som gjelder hvilke tjenester (og, for «kb procedure», hvilket utfall).", {
        "mal": "Malens id i malkatalogen (navnet for en mal uten id).",
        "tjenester": "Id-er for tjenestene, eller «alle».",
        "utfall": "Utfallet malen er vedtaksmal for; tomt for andre brev.",
        "egenandel": "Bare for tjenester med (true) eller uten (false) egenandel; tomt: begge.",
        "sitat": "Ordene i malens Bruksområde (eller navn) som sier det, ordrett.",
        "sitat_fra": "Malen sitatet står i, når det ikke er malen selv.",
        "forbehold": "Vises med svaret når malen gjelder bare en del av tjenesten (f.eks. 3731: trygghetsalarm)."}),
    # --- case files and conformance cases -------------------------------------------------------
    "Saksfil": ("En sak for «kb evaluate» og «kb procedure». Resultatet er veiledende: saksbehandler avgjør.", {
        "tjeneste": "Tjenestens id (filnavnet i kb/data/tjenester/ uten .yaml), f.eks. «bpa».",
        "kommune": "Kommunens id eller navn (f.eks. «gjovik» eller «Gjøvik»); unntak for kommuner brukes.",
        "opplysninger": "Opplysningene fra kartleggingen. En opplysning som mangler, gjettes aldri.",
        "vurderingsdato": "Datoen saken vurderes på (ÅÅÅÅ-MM-DD); standard er i dag.",
        "sak": "Saken for Oslo-rutinen («kb procedure»): utfall, egenandel, varighet, datoer og endring."}),
    "Opplysninger": ("Opplysningene fra kartleggingen: navn fra faktavokabularet, ja/nei som true/false eller "
                     "«ja»/«nei».", {}),
    "Sak": ("Saken slik «kb procedure» leser den (Oslo-rutinen). Alle felt er valgfrie.", {
        "utfall": "innvilget, avslag, avvisning, opphor, utsatt_iverksettelse_innvilget eller "
                  "utsatt_iverksettelse_avslag.",
        "egenandel": "Om tjenesten har egenandel (ja/nei); uten svar brukes tjenestens egenandel.",
        "forventet_varighet_dager": "Hvor mange dager tjenesten antas å vare.",
        "forventet_saksbehandlingstid_dager": "Hvor mange dager saksbehandlingen antas å ta.",
        "vedtak_mottatt": "Datoen bruker mottok vedtaket (ÅÅÅÅ-MM-DD); klagefristen regnes herfra.",
        "endring": "Endring av et vedtak: okning, reduksjon, opphor eller forlengelse.",
        "enig_med_bruker": "Om endringen er avtalt med bruker og/eller pårørende/verge (ja/nei).",
        "beskrevet_i_vedtaket": "Om vedtaket beskriver endringen (eller når tjenesten avsluttes) (ja/nei).",
        "gitt_etter_helse_og_omsorgstjenesteloven": "For tjenester der det avhenger av saken om de er lovpålagte: om "
                                                    "tjenesten gis som helse- og omsorgstjeneste etter "
                                                    "helse- og omsorgstjenesteloven (ja/nei).",
        "gitt_som_avlastning": "Om tjenesten (f.eks. en korttidsplass) gis som avlastning, som er gratis (ja/nei).",
        "etter_brukers_onske": "Om bruker selv har meldt at tjenesten ikke lenger er ønsket (2.9) (ja/nei)."}),
    "KonformitetsfilEvaluate": ("Konformitetstilfeller for «kb evaluate»: inndata, forventet svar og kilden.", {
        "kommando": "evaluate", "tilfeller": "Tilfellene."}),
    "KonformitetsfilProcedure": ("Konformitetstilfeller for «kb procedure»: inndata, forventet svar og kilden.", {
        "kommando": "procedure", "tilfeller": "Tilfellene."}),
    "TilfelleEvaluate": ("Ett tilfelle: en sak, svaret kriteriene gir, og kildeavsnittet det bygger på.", {
        "navn": "Et kort navn som sier hva tilfellet viser (unikt i filen).",
        "kilde": "Kildeavsnittet tilfellet bygger på (skriv det slik tjenestene gjør).",
        "inndata": "Saken, som i en saksfil. Oppgi alltid vurderingsdato.",
        "forventet": "Svaret; bare feltene som er oppgitt, sammenlignes (og nøyaktig)."}),
    "TilfelleProcedure": ("Ett tilfelle: en sak, svaret rutinen gir, og kildeavsnittet det bygger på.", {
        "navn": "Et kort navn som sier hva tilfellet viser (unikt i filen).",
        "kilde": "Kildeavsnittet tilfellet bygger på (avsnittet i rutinen, f.eks. «2.3 Registrering av søknad»).",
        "inndata": "Saken, som i en saksfil (tjeneste og sak). Oppgi alltid vurderingsdato.",
        "forventet": "Svaret; bare feltene som er oppgitt, sammenlignes (null er også et svar)."}),
    "Konformitetskilde": ("Kildeavsnittet et tilfelle bygger på.", {
        "dokument": "Id-en til kildedokumentet (regionale-kriterier eller oslo-gerica-rutine).",
        "avsnitt": "Avsnittet slik kunnskapsbasen skriver det, f.eks. "
                   "«Tjenester › Brukerstyrt personlig assistanse (BPA) › Kriterier».",
        "sitat": "Ordene i avsnittet slik kunnskapsbasen gjengir dem (kontrolleres).",
        "lovhenvisninger": "Loven tilfellet bygger på der avsnittets ord ikke er hele svaret (f.eks. pbrl. § 7-5)."}),
    "ForventetVurdering": ("Forventet svar fra «kb evaluate».", {
        "utfall": "oppfylt, ikke_oppfylt eller uavklart.",
        "rettskrav": "true, false eller null (ukjent eller ikke aktuelt).",
        "mangler": "Opplysningene som mangler og ville avgjort utfall eller rettskrav, i rekkefølge.",
        "kriterier": "Per kriterium-id: status og eventuelt mangler, eller «utelatt: true»."}),
    "ForventetKriterium": ("Forventet resultat for ett kriterium.", {
        "status": "oppfylt, ikke_oppfylt, uavklart eller skjonn.",
        "mangler": "Opplysningene som mangler for dette kriteriet, i rekkefølge.",
        "utelatt": "true når kriteriet ikke er med i resultatet (et kommuneunntak gjelder)."}),
    "ForventetProsedyre": ("Forventet svar fra «kb procedure».", {
        "enkeltvedtak_kreves": "true, false eller null.",
        "forvaltningsmelding_kreves": "true, false eller null.",
        "forhandsvarsel_kreves": "true, false eller null.",
        "vedtaksmal": "Vedtaksmalens id (f.eks. 509), eller null når ingen mal følger av rutinen.",
        "klagefrist": "Siste dag å klage (ÅÅÅÅ-MM-DD), eller null.",
        "klageinstans": "Klageinstansen slik reglene sier den, eller null."}),
}
