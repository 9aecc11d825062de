"""The project's own words for ``derive_reference_roles.py``: which alternate titles and ESCO
occupations evidence an AI role, and the labels, definitions and translations the project
writes for them (English and French), for their parent occupations and for the O*NET elements
and commodities they use. Everything here is airoles-kg's own wording or translation; the
facts (titles, codes, ratings, descriptions) are read from the O*NET and ESCO files by the
script, which checks that every title and code named here is in them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AI_ROLES", "COMMODITIES_FR", "ELEMENTS_FR", "EXISTING", "PARENTS", "AIRole", "Parent"]


@dataclass(frozen=True)
class Parent:
    """An O*NET occupation added as a role: our labels, family, and French translations of
    its O*NET description and of the first sentence of it (its responsibility)."""

    code: str
    slug: str
    label_en: str
    label_fr: str
    family: str
    definition_fr: str
    responsibility_fr: str


@dataclass(frozen=True)
class AIRole:
    """An AI role evidenced by an O*NET alternate title (and maybe an ESCO occupation)."""

    slug: str
    label_en: str
    label_fr: str
    alt_en: str
    title: str  # the alternate title exactly as O*NET writes it
    codes: tuple[str, ...]  # the occupations that list it; the first gives the requirements
    family: str
    competency: str  # the AI competency its title evidences (our own knowledge)
    level: str
    definition_en: str
    definition_fr: str
    responsibility_en: str
    responsibility_fr: str
    esco: str | None = None  # an ESCO occupation URI with the same title
    #: more occupations that list the role under a slightly different title: (code, title)
    more: tuple[tuple[str, str], ...] = ()


#: O*NET-SOC code -> our role for an existing occupation.
EXISTING: dict[str, str] = {"15-2051.00": "data-scientist", "15-1252.00": "software-engineer"}

PARENTS: list[Parent] = [
    Parent("15-1212.00", "information-security-analyst", "Information security analyst",
           "Analyste en sécurité de l'information", "software-and-infrastructure",
           "Planifier, mettre en œuvre, mettre à niveau ou surveiller les mesures de sécurité "
           "protégeant les réseaux informatiques et l'information. Évaluer les vulnérabilités des "
           "systèmes, proposer et mettre en œuvre des stratégies d'atténuation des risques. Peut "
           "veiller à la mise en place des contrôles de sécurité qui protègent les fichiers "
           "numériques et les infrastructures électroniques essentielles. Peut répondre aux "
           "atteintes à la sécurité informatique et aux virus.",
           "Planifier, mettre en œuvre, mettre à niveau ou surveiller les mesures de sécurité "
           "protégeant les réseaux informatiques et l'information."),
    Parent("15-1221.00", "computer-and-information-research-scientist",
           "Computer and information research scientist",
           "Chercheur scientifique en informatique et en sciences de l'information",
           "software-and-infrastructure",
           "Mener des recherches fondamentales en informatique et en sciences de l'information, "
           "comme théoricien, concepteur ou inventeur. Élaborer des solutions aux problèmes du "
           "domaine du matériel et du logiciel informatiques.",
           "Mener des recherches fondamentales en informatique et en sciences de l'information, "
           "comme théoricien, concepteur ou inventeur."),
    Parent("17-2061.00", "computer-hardware-engineer", "Computer hardware engineer",
           "Ingénieur en matériel informatique", "software-and-infrastructure",
           "Rechercher, concevoir, développer ou tester des équipements informatiques ou "
           "apparentés à usage commercial, industriel, militaire ou scientifique. Peut superviser "
           "la fabrication et l'installation de ces équipements et de leurs composants.",
           "Rechercher, concevoir, développer ou tester des équipements informatiques ou "
           "apparentés à usage commercial, industriel, militaire ou scientifique."),
    Parent("33-3021.06", "intelligence-analyst", "Intelligence analyst",
           "Analyste du renseignement", "data-and-analytics",
           "Recueillir, analyser ou évaluer des informations issues de sources variées, comme "
           "les bases de données des forces de l'ordre, la surveillance, les réseaux de "
           "renseignement ou les systèmes d'information géographique. Utiliser les données de "
           "renseignement pour anticiper et prévenir les activités du crime organisé, comme le "
           "terrorisme.",
           "Recueillir, analyser ou évaluer des informations issues de sources variées, comme "
           "les bases de données des forces de l'ordre, la surveillance, les réseaux de "
           "renseignement ou les systèmes d'information géographique."),
    Parent("17-2199.08", "robotics-engineer", "Robotics engineer", "Ingénieur en robotique",
           "software-and-infrastructure",
           "Rechercher, concevoir, développer ou tester des applications robotiques.",
           "Rechercher, concevoir, développer ou tester des applications robotiques."),
    Parent("17-2199.05", "mechatronics-engineer", "Mechatronics engineer",
           "Ingénieur en mécatronique", "software-and-infrastructure",
           "Rechercher, concevoir, développer ou tester l'automatisation, des systèmes "
           "intelligents, des objets connectés ou le contrôle de systèmes industriels.",
           "Rechercher, concevoir, développer ou tester l'automatisation, des systèmes "
           "intelligents, des objets connectés ou le contrôle de systèmes industriels."),
    Parent("13-2099.01", "financial-quantitative-analyst", "Financial quantitative analyst",
           "Analyste quantitatif en finance", "data-and-analytics",
           "Élaborer des techniques quantitatives pour éclairer l'investissement en titres et en "
           "actions, la tarification ou la valorisation des instruments financiers. Élaborer des "
           "modèles mathématiques ou statistiques pour la gestion des risques, l'optimisation des "
           "actifs, la tarification ou l'analyse de la valeur relative.",
           "Élaborer des techniques quantitatives pour éclairer l'investissement en titres et en "
           "actions, la tarification ou la valorisation des instruments financiers."),
    Parent("15-1299.05", "information-security-engineer", "Information security engineer",
           "Ingénieur en sécurité de l'information", "software-and-infrastructure",
           "Élaborer les procédures et les politiques de sécurité de l'information et en "
           "superviser la mise en œuvre. Construire, maintenir et mettre à niveau les "
           "technologies de sécurité, comme les pare-feu, pour un usage sûr des réseaux "
           "informatiques et de la transmission et de la recherche d'information. Concevoir et "
           "mettre en œuvre les contrôles de sécurité appropriés pour repérer les vulnérabilités "
           "et protéger les fichiers numériques et les infrastructures électroniques. Surveiller "
           "les atteintes à la sécurité informatique, les virus et les intrusions, y répondre et "
           "mener des investigations numériques. Peut superviser l'évaluation des systèmes de "
           "sécurité de l'information.",
           "Élaborer les procédures et les politiques de sécurité de l'information et en "
           "superviser la mise en œuvre."),
    Parent("15-1244.00", "network-and-computer-systems-administrator",
           "Network and computer systems administrator",
           "Administrateur de réseaux et de systèmes informatiques", "software-and-infrastructure",
           "Installer, configurer et maintenir le réseau local (LAN), le réseau étendu (WAN), le "
           "réseau de transmission de données, les systèmes d'exploitation et les serveurs "
           "physiques et virtuels d'une organisation. Surveiller les systèmes et vérifier "
           "l'intégrité et la disponibilité du matériel, du réseau, des serveurs et des systèmes. "
           "Examiner les journaux des systèmes et des applications et vérifier l'exécution des "
           "tâches planifiées, dont les sauvegardes. Analyser la consommation des ressources du "
           "réseau et des serveurs et contrôler l'accès des utilisateurs. Installer et mettre à "
           "niveau les logiciels et gérer leurs licences. Peut contribuer à la modélisation, à "
           "l'analyse, à la planification et à la coordination entre le matériel et le logiciel "
           "du réseau et des communications de données.",
           "Installer, configurer et maintenir le réseau local (LAN), le réseau étendu (WAN), le "
           "réseau de transmission de données, les systèmes d'exploitation et les serveurs "
           "physiques et virtuels d'une organisation."),
    Parent("15-1242.00", "database-administrator", "Database administrator",
           "Administrateur de bases de données", "data-and-analytics",
           "Administrer, tester et mettre en œuvre des bases de données informatiques, en "
           "appliquant la connaissance des systèmes de gestion de bases de données. Coordonner "
           "les modifications des bases de données. Repérer, analyser et résoudre les problèmes "
           "de performance, de capacité et d'évolutivité des bases de données. Peut planifier, "
           "coordonner et mettre en œuvre des mesures de sécurité pour protéger les bases de "
           "données.",
           "Administrer, tester et mettre en œuvre des bases de données informatiques, en "
           "appliquant la connaissance des systèmes de gestion de bases de données."),
]

_ML = "machine-learning"
AI_ROLES: list[AIRole] = [
    AIRole("ai-security-specialist", "AI security specialist", "Spécialiste de la sécurité de l'IA",
           "Artificial intelligence security specialist",
           "AI Security Specialist (Artificial Intelligence Security Specialist)",
           ("15-1212.00", "15-1244.00", "15-1299.05"), "ai-engineering", "ai-risk-mitigation",
           "Proficient",
           "A security specialist who protects AI systems, and the data and models they use, "
           "against attacks and misuse, as part of an organisation's information security.",
           "Spécialiste de la sécurité qui protège les systèmes d'IA, ainsi que les données et "
           "les modèles qu'ils utilisent, contre les attaques et les détournements, dans le cadre "
           "de la sécurité de l'information de l'organisation.",
           "Assesses the security risks of AI systems and proposes measures to mitigate them.",
           "Évalue les risques de sécurité des systèmes d'IA et propose des mesures pour les "
           "atténuer."),
    AIRole("artificial-intelligence-specialist", "Artificial intelligence specialist",
           "Spécialiste en intelligence artificielle", "AI specialist",
           "Artificial Intelligence Specialist (AI Specialist)", ("15-1221.00", "15-1252.00"),
           "ai-engineering", _ML, "Proficient",
           "A specialist who designs, builds and applies AI methods, machine learning first, to "
           "the problems of an organisation.",
           "Spécialiste qui conçoit, construit et applique des méthodes d'IA, en premier lieu "
           "l'apprentissage automatique, aux problèmes d'une organisation.",
           "Designs and applies machine learning solutions to an organisation's problems.",
           "Conçoit et applique des solutions d'apprentissage automatique aux problèmes d'une "
           "organisation."),
    AIRole("computer-vision-scientist", "Computer vision scientist",
           "Scientifique en vision par ordinateur", "Computer vision researcher",
           "Computer Vision Scientist", ("15-1221.00",), "ai-engineering", "deep-learning",
           "Expert",
           "A research scientist who develops methods by which computers interpret images and "
           "video, today mostly with deep learning.",
           "Chercheur qui élabore les méthodes permettant aux ordinateurs d'interpréter les "
           "images et la vidéo, aujourd'hui surtout par l'apprentissage profond.",
           "Researches and evaluates new methods for interpreting images and video.",
           "Recherche et évalue de nouvelles méthodes d'interprétation des images et de la "
           "vidéo."),
    AIRole("machine-learning-research-scientist", "Machine learning research scientist",
           "Chercheur scientifique en apprentissage automatique", "ML research scientist",
           "Machine Learning Research Scientist", ("15-1221.00",), "ai-engineering", _ML,
           "Expert",
           "A research scientist who advances machine learning itself: new models, training "
           "methods and their evaluation.",
           "Chercheur qui fait progresser l'apprentissage automatique lui-même : nouveaux "
           "modèles, méthodes d'entraînement et leur évaluation.",
           "Designs, runs and publishes experiments on new machine learning methods.",
           "Conçoit, mène et publie des expériences sur de nouvelles méthodes d'apprentissage "
           "automatique."),
    AIRole("machine-learning-scientist", "Machine learning scientist",
           "Scientifique en apprentissage automatique", "ML scientist",
           "Machine Learning Scientist", ("15-1221.00", "15-2051.00"), "ai-engineering", _ML,
           "Expert",
           "A scientist who builds and improves machine learning models from data, between "
           "research and application.",
           "Scientifique qui construit et améliore des modèles d'apprentissage automatique à "
           "partir des données, entre recherche et application.",
           "Builds, trains and improves machine learning models from an organisation's data.",
           "Construit, entraîne et améliore des modèles d'apprentissage automatique à partir des "
           "données d'une organisation."),
    AIRole("nlp-engineer", "NLP engineer", "Ingénieur en traitement automatique des langues",
           "Natural language processing engineer",
           "NLP Engineer (Natural Language Processing Engineer)", ("15-1221.00",),
           "ai-engineering", "natural-language-processing", "Proficient",
           "An engineer who builds systems that process, understand or generate human language.",
           "Ingénieur qui construit des systèmes qui traitent, comprennent ou produisent le "
           "langage humain.",
           "Builds and evaluates language processing components such as classifiers, "
           "extractors and language model applications.",
           "Construit et évalue des composants de traitement du langage, comme des "
           "classifieurs, des extracteurs et des applications de modèles de langage."),
    AIRole("machine-learning-data-scientist", "Machine learning data scientist",
           "Data scientist en apprentissage automatique", "ML data scientist",
           "Machine Learning Data Scientist", ("15-2051.00",), "data-and-analytics", _ML,
           "Proficient",
           "A data scientist who specialises in building machine learning models from data.",
           "Data scientist spécialisé dans la construction de modèles d'apprentissage "
           "automatique à partir des données.",
           "Prepares data and builds and validates machine learning models from it.",
           "Prépare les données et construit et valide des modèles d'apprentissage automatique "
           "à partir d'elles."),
    AIRole("machine-learning-software-engineer", "Machine learning software engineer",
           "Ingénieur logiciel en apprentissage automatique", "ML software engineer",
           "Machine Learning Software Engineer", ("15-2051.00",), "ai-engineering", _ML,
           "Proficient",
           "A software engineer who writes the software that trains, packages and runs machine "
           "learning models.",
           "Ingénieur logiciel qui écrit les logiciels qui entraînent, empaquettent et exécutent "
           "les modèles d'apprentissage automatique.",
           "Writes and tests the code that trains and serves machine learning models.",
           "Écrit et teste le code qui entraîne et sert les modèles d'apprentissage "
           "automatique."),
    AIRole("computer-vision-engineer", "Computer vision engineer",
           "Ingénieur en vision par ordinateur", "Computer vision specialist",
           "Computer Vision Engineer", ("17-2061.00",), "ai-engineering", "deep-learning",
           "Proficient",
           "An engineer who builds systems that interpret images and video, from the sensors "
           "to the models.",
           "Ingénieur qui construit des systèmes qui interprètent les images et la vidéo, des "
           "capteurs jusqu'aux modèles.",
           "Builds and deploys image and video recognition systems.",
           "Construit et déploie des systèmes de reconnaissance d'images et de vidéos.",
           esco="http://data.europa.eu/esco/occupation/1c5a45b9-440e-4726-b565-16a952abd341"),
    AIRole("ai-consultant", "AI consultant", "Consultant en IA",
           "Artificial intelligence consultant",
           "AI Consultant (Artificial Intelligence Consultant)", ("33-3021.06",),
           "business-analysis", "ai-strategy", "Proficient",
           "A consultant who advises an organisation on where and how to use AI, and on the "
           "risks of doing so.",
           "Consultant qui conseille une organisation sur les usages de l'IA, leur mise en "
           "œuvre et leurs risques.",
           "Advises on which AI applications to adopt and how to introduce them.",
           "Conseille sur les applications d'IA à adopter et sur la manière de les introduire."),
    AIRole("autonomy-engineer", "Autonomy engineer", "Ingénieur en autonomie des systèmes",
           "Autonomous systems engineer", "Autonomy Engineer", ("17-2199.08",),
           "ai-engineering", _ML, "Competent",
           "An engineer who gives robots and vehicles the ability to perceive, decide and act "
           "without human control.",
           "Ingénieur qui donne aux robots et aux véhicules la capacité de percevoir, de décider "
           "et d'agir sans contrôle humain.",
           "Develops the perception, planning and control software of autonomous machines.",
           "Développe les logiciels de perception, de planification et de commande des "
           "machines autonomes."),
    AIRole("autonomous-vehicle-design-engineer", "Autonomous vehicle design engineer",
           "Ingénieur de conception de véhicules autonomes", "Self-driving vehicle design engineer",
           "Autonomous Vehicle Design Engineer", ("17-2199.08",), "ai-engineering", _ML,
           "Competent",
           "An engineer who designs vehicles that drive themselves, and the systems that let "
           "them do so.",
           "Ingénieur qui conçoit des véhicules qui se conduisent seuls, ainsi que les systèmes "
           "qui le leur permettent.",
           "Designs and tests the systems that let a vehicle drive itself.",
           "Conçoit et teste les systèmes qui permettent à un véhicule de se conduire seul."),
    AIRole("intelligent-systems-engineer", "Intelligent systems engineer",
           "Ingénieur en systèmes intelligents", "Engineer of intelligent systems",
           "Intelligent Systems Engineer", ("17-2199.05",), "ai-engineering", _ML, "Competent",
           "An engineer who builds machines and devices that adapt their behaviour using "
           "learned models.",
           "Ingénieur qui construit des machines et des objets qui adaptent leur comportement "
           "grâce à des modèles appris.",
           "Integrates learned models into automated machines and devices.",
           "Intègre des modèles appris dans des machines et des objets automatisés."),
    AIRole("predictive-modeler", "Predictive modeler", "Modélisateur prédictif",
           "Predictive modeller", "Predictive Modeler", ("13-2099.01",), "data-and-analytics",
           _ML, "Proficient",
           "An analyst who builds statistical and machine learning models that forecast "
           "outcomes, such as prices or risks.",
           "Analyste qui construit des modèles statistiques et d'apprentissage automatique qui "
           "prévoient des résultats, comme des prix ou des risques.",
           "Builds and validates models that forecast financial outcomes.",
           "Construit et valide des modèles qui prévoient des résultats financiers."),
    AIRole("data-mining-analyst", "Data mining analyst", "Analyste en fouille de données",
           "Analyst in data mining", "Data Mining Analyst", ("15-2051.00",),
           "data-and-analytics", _ML, "Competent",
           "An analyst who finds patterns in large data sets with machine learning and "
           "statistical methods.",
           "Analyste qui découvre des régularités dans de grands jeux de données par des "
           "méthodes d'apprentissage automatique et statistiques.",
           "Mines large data sets for patterns and reports what they mean.",
           "Explore de grands jeux de données à la recherche de régularités et en rend compte."),
    AIRole("data-miner", "Data miner", "Fouilleur de données", "Data mining practitioner",
           "Data Miner", ("15-1242.00",), "data-and-analytics", _ML, "Competent",
           "A database specialist who extracts patterns from an organisation's databases with "
           "data mining methods.",
           "Spécialiste des bases de données qui extrait des régularités des bases d'une "
           "organisation par des méthodes de fouille de données.",
           "Runs data mining methods over an organisation's databases.",
           "Applique des méthodes de fouille de données aux bases d'une organisation."),
]

#: O*NET Skills and Knowledge element names in French (our translation).
ELEMENTS_FR: dict[str, str] = {
    "2.A.1.a": "Compréhension écrite", "2.A.1.b": "Écoute active",
    "2.A.1.c": "Expression écrite", "2.A.1.d": "Expression orale",
    "2.A.1.e": "Mathématiques", "2.A.1.f": "Sciences", "2.A.2.a": "Pensée critique",
    "2.A.2.b": "Apprentissage actif", "2.A.2.c": "Stratégies d'apprentissage",
    "2.A.2.d": "Suivi et évaluation", "2.B.1.a": "Perspicacité sociale",
    "2.B.1.b": "Coordination", "2.B.1.c": "Persuasion", "2.B.1.d": "Négociation",
    "2.B.1.e": "Enseignement", "2.B.1.f": "Sens du service",
    "2.B.2.i": "Résolution de problèmes complexes",
    "2.B.3.a": "Analyse des besoins opérationnels", "2.B.3.b": "Conception technologique",
    "2.B.3.c": "Choix des équipements", "2.B.3.d": "Installation", "2.B.3.e": "Programmation",
    "2.B.3.g": "Surveillance du fonctionnement", "2.B.3.h": "Conduite et contrôle",
    "2.B.3.j": "Maintenance des équipements", "2.B.3.k": "Dépannage", "2.B.3.l": "Réparation",
    "2.B.3.m": "Contrôle de la qualité", "2.B.4.e": "Jugement et prise de décision",
    "2.B.4.g": "Analyse des systèmes", "2.B.4.h": "Évaluation des systèmes",
    "2.B.5.a": "Gestion du temps", "2.B.5.b": "Gestion des ressources financières",
    "2.B.5.c": "Gestion des ressources matérielles",
    "2.B.5.d": "Gestion des ressources humaines",
    "2.C.1.a": "Administration et gestion", "2.C.1.b": "Travail administratif",
    "2.C.1.c": "Économie et comptabilité", "2.C.1.d": "Vente et marketing",
    "2.C.1.e": "Service à la clientèle et à la personne",
    "2.C.1.f": "Personnel et ressources humaines", "2.C.10": "Transports",
    "2.C.2.a": "Production et transformation", "2.C.2.b": "Production alimentaire",
    "2.C.3.a": "Informatique et électronique", "2.C.3.b": "Ingénierie et technologie",
    "2.C.3.c": "Conception et dessin technique", "2.C.3.d": "Bâtiment et construction",
    "2.C.3.e": "Mécanique", "2.C.4.a": "Mathématiques", "2.C.4.b": "Physique",
    "2.C.4.c": "Chimie", "2.C.4.d": "Biologie", "2.C.4.e": "Psychologie",
    "2.C.4.f": "Sociologie et anthropologie", "2.C.4.g": "Géographie",
    "2.C.5.a": "Médecine et dentisterie",
    "2.C.5.b": "Thérapie et accompagnement psychologique",
    "2.C.6": "Éducation et formation", "2.C.7.a": "Langue anglaise",
    "2.C.7.b": "Langues étrangères", "2.C.7.c": "Beaux-arts",
    "2.C.7.d": "Histoire et archéologie", "2.C.7.e": "Philosophie et théologie",
    "2.C.8.a": "Sécurité publique", "2.C.8.b": "Droit et administration publique",
    "2.C.9.a": "Télécommunications", "2.C.9.b": "Communication et médias",
}

#: O*NET Technology Skills commodity titles in French (our translation).
COMMODITIES_FR: dict[str, str] = {
    "43231501": "Logiciels d'assistance et de centre d'appels",
    "43231505": "Logiciels de ressources humaines",
    "43231507": "Logiciels de gestion de projet", "43231511": "Logiciels de systèmes experts",
    "43231512": "Logiciels de gestion des licences", "43231513": "Suites bureautiques",
    "43231514": "Logiciels de vente et de marketing",
    "43231517": "Logiciels de gestion des procédures",
    "43231518": "Logiciels de cartographie et de conception des processus",
    "43231601": "Logiciels de comptabilité", "43231602": "Progiciels de gestion intégrés (ERP)",
    "43231604": "Logiciels d'analyse financière", "43232101": "Logiciels de conception de motifs",
    "43232102": "Logiciels de graphisme et de retouche photo",
    "43232103": "Logiciels de création et de montage vidéo",
    "43232104": "Logiciels de traitement de texte", "43232105": "Logiciels de graphiques",
    "43232106": "Logiciels de présentation",
    "43232107": "Logiciels de création et d'édition de pages web",
    "43232110": "Tableurs", "43232112": "Logiciels de publication assistée par ordinateur",
    "43232201": "Logiciels de gestion des flux de contenu",
    "43232202": "Logiciels de gestion documentaire",
    "43232203": "Logiciels de gestion de versions", "43232302": "Logiciels de grappes de calcul",
    "43232303": "Logiciels de gestion de la relation client (CRM)",
    "43232304": "Systèmes de gestion de bases de données",
    "43232305": "Logiciels de rapports de bases de données",
    "43232306": "Logiciels d'interrogation de bases de données",
    "43232307": "Logiciels de fouille de données",
    "43232309": "Logiciels de recherche d'information",
    "43232310": "Logiciels de gestion des métadonnées",
    "43232311": "Systèmes de gestion de bases de données orientées objet",
    "43232312": "Logiciels de serveur de portail",
    "43232313": "Logiciels de serveur transactionnel",
    "43232314": "Logiciels d'informatique décisionnelle et d'analyse de données",
    "43232401": "Logiciels de gestion de configuration",
    "43232402": "Environnements de développement",
    "43232403": "Logiciels d'intégration d'applications d'entreprise",
    "43232404": "Logiciels de développement d'interfaces graphiques",
    "43232405": "Logiciels de développement orienté objet ou composant",
    "43232406": "Logiciels de test de programmes",
    "43232407": "Logiciels d'analyse des exigences et d'architecture des systèmes",
    "43232408": "Logiciels de développement de plateformes web",
    "43232409": "Compilateurs et décompilateurs",
    "43232502": "Logiciels de formation assistée par ordinateur",
    "43232505": "Logiciels éducatifs multimédias",
    "43232510": "Systèmes d'information géographique",
    "43232604": "Logiciels de conception assistée par ordinateur (CAO)",
    "43232605": "Logiciels d'analyse ou scientifiques",
    "43232608": "Logiciels de contrôle industriel", "43232610": "Logiciels médicaux",
    "43232611": "Logiciels de point de vente",
    "43232612": "Logiciels de fabrication assistée par ordinateur (FAO)",
    "43232613": "Systèmes d'exécution de la fabrication (MES)",
    "43232620": "Logiciels de données et d'analyse des risques",
    "43232701": "Logiciels de serveur d'applications",
    "43232702": "Logiciels de communication de bureau",
    "43232704": "Logiciels de services d'annuaire Internet",
    "43232705": "Navigateurs Internet", "43232801": "Logiciels de supervision de réseau",
    "43232802": "Logiciels d'amélioration des systèmes d'exploitation réseau",
    "43232803": "Logiciels de gestion de réseaux optiques",
    "43232804": "Logiciels d'administration",
    "43232805": "Logiciels de sous-système multimédia IP (IMS)",
    "43232806": "Logiciels de gestion en nuage", "43232901": "Logiciels d'accès",
    "43232902": "Logiciels de serveur de communication",
    "43232907": "Logiciels de réseaux de stockage",
    "43232908": "Logiciels de commutateurs et de routeurs",
    "43232912": "Logiciels de passerelle",
    "43232915": "Logiciels d'interconnexion de plateformes",
    "43233001": "Logiciels de systèmes de fichiers",
    "43233004": "Systèmes d'exploitation", "43233007": "Logiciels d'imagerie informatique",
    "43233201": "Logiciels de serveur d'authentification",
    "43233203": "Logiciels de gestion de la sécurité réseau et des réseaux privés virtuels",
    "43233204": "Logiciels d'équipements de sécurité réseau et de réseaux privés virtuels",
    "43233205": "Logiciels de sécurité des transactions et de protection antivirus",
    "43233206": "Logiciels de protection et de sécurité en nuage",
    "43233415": "Logiciels de sauvegarde et d'archivage",
    "43233501": "Logiciels de messagerie électronique",
    "43233502": "Logiciels de visioconférence", "43233503": "Logiciels de conférence en réseau",
    "43233504": "Logiciels de messagerie instantanée",
    "43233513": "Logiciels d'accès et de partage de données en nuage",
    "43233701": "Logiciels de gestion des systèmes d'entreprise",
}
